using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.DriverCore;

/// <summary>The bus notifier chains the driver core publishes on, and who subscribes to them (docs/architecture.md).</summary>
public class NotifierChainTests
{
    private static Device Dev(BusType bus) => new(0, "d", bus, null, null);

    [Fact]
    public void Blocks_run_by_priority_then_in_registration_order()
    {
        // kernel/notifier.c notifier_chain_register: a block goes before the first block of lower priority
        var chain = new NotifierChain<BusNotify>();
        var calls = new List<string>();
        chain.Register((_, _) => calls.Add("late, default priority"));
        chain.Register((_, _) => calls.Add("-100"), priority: -100);
        chain.Register((_, _) => calls.Add("second default"));
        chain.Register((_, _) => calls.Add("+10"), priority: 10);
        var bus = new BusType("platform", "/sys/devices/platform/");
        chain.Call(BusNotify.AddDevice, Dev(bus));
        Assert.Equal(new[] { "+10", "late, default priority", "second default", "-100" }, calls);
    }

    [Fact]
    public void The_iommu_core_listens_on_iommu_buses_and_arm64_dma_on_platform_and_amba()
    {
        var tree = DtsCompiler.Compile(Sim.Soc(""), "test.dts", new DtsCompileOptions()).Tree;
        var k = new ProbeSim.Kernel.Boot.Kernel(tree, ProfileLibrary.Default.Get("v4.4"), new DriverSet { Name = "none" }, board: "test.dts");
        // iommu_bus_notifier on iommu_buses[] (platform, pci, amba); __iommu_attach_notifier (v4.4) on platform and amba
        Assert.Equal(2, k.Platform.Notifier.Count);
        Assert.Equal(1, k.Pci.Notifier.Count);
        Assert.Equal(2, k.Amba.Notifier.Count);
        Assert.Equal(0, k.I2c.Notifier.Count);
        Assert.Equal(0, k.Spi.Notifier.Count);
        // VFIO's group notifier (before v5.19)
        Assert.Equal(1, k.IommuCore.GroupNotifier.Count);
    }

    [Fact]
    public void Every_bus_notifier_event_is_recorded_in_order()
    {
        var r = Sim.Boot(Sim.Soc("""
            a: dev@1000 { compatible = "acme,a"; reg = <0x1000 0x100>; };
            """), profile: "v6.6");
        Assert.Equal(new[] { "ADD_DEVICE", "BIND_DRIVER", "BOUND_DRIVER" }, r.Events("1000.dev"));
    }
}
