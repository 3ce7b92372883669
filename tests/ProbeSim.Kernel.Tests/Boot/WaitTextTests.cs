using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Every kind of wait has its words, and each kind says what a check switches on (its cause).</summary>
public class WaitTextTests
{
    public static TheoryData<WaitReason, WaitCause, string> Reasons()
    {
        var node = TestDts.Compile("/ { clk: clock-controller@1000 { }; };").FindByPath("/clock-controller@1000")!;
        return new()
        {
            { new IommuNotRegisteredWait("/soc/iommu@e6740000", CheckState: false), WaitCause.Iommu, "of_iommu_configure: IOMMU /soc/iommu@e6740000 not registered yet" },
            { new IommuNotRegisteredWait("/soc/iommu@e6740000", CheckState: true), WaitCause.Iommu, "of_iommu_configure: IOMMU /soc/iommu@e6740000 not registered (driver_deferred_probe_check_state)" },
            { new ScriptDefersWait(), WaitCause.DriverScript, "the probe script defers" },
            { new InjectedFaultWait(517, 2), WaitCause.InjectedFault, "injected fault: probe returns -EPROBE_DEFER at attempt 2" },
            { new ProviderWait("clock bus", "provider", new ProbeSim.Kernel.Providers.ProviderNotBound("1000.clock-controller", new TextUnbound("probe deferred"))), WaitCause.Supplier, "clock bus: provider 1000.clock-controller is not bound: probe deferred" },
            { new AmbaClockWait(Unavailable: true), WaitCause.Supplier, "amba: apb_pclk unavailable, periphid cannot be read" },
            { new AmbaClockWait(Unavailable: false), WaitCause.Supplier, "amba: apb_pclk provider not registered, periphid cannot be read" },
            { new FwnodeLinkWait(node.Path, "clocks"), WaitCause.Supplier, "fwnode link to /clock-controller@1000 (clocks) not yet a device link" },
            // status_show's words for DL_STATE_DORMANT (drivers/base/core.c)
            { new DeviceLinkWait("1000.clock-controller", DlState.Dormant), WaitCause.Supplier, "device link to 1000.clock-controller (dormant)" },
        };
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Each_wait_has_its_cause_and_its_words(WaitReason why, WaitCause cause, string words)
    {
        Assert.Equal(cause, why.Cause);
        Assert.Equal(words, ProbeSim.Reports.Reasons.ReasonWords.Default.Wait(why));
    }
}

/// <summary>A provider-unbound reason of no kind the model makes, whose words are the given text.</summary>
internal sealed record TextUnbound(string Text) : ProbeSim.Kernel.Providers.ProviderUnbound
{
    public override string ToString() => Text;
}
