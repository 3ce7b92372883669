using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Of;

/// <summary>What of_iommu_configure returned: an IOMMU instance, -EPROBE_DEFER, or no IOMMU (with the model's reason).</summary>
internal readonly record struct OfIommuResult(IommuInstance? Instance, bool Defer, OfIommuRule? Why)
{
    public static OfIommuResult None(OfIommuRule why) => new(null, false, why);
    public static readonly OfIommuResult Deferred = new(null, true, new OfIommuRule.ProbeDeviceDeferred());
    public static OfIommuResult DeferredBecause(OfIommuRule why) => new(null, true, why);
}

// The IOMMU of a device (of_iommu_configure): the iommus entries, of_xlate, and the IOMMU probe of the device
internal sealed partial class OfPlatform
{
    /// <summary>of_iommu_configure per profile (docs/kernel/of-iommu.md section 3, spec driver-core 8.1).</summary>
    internal OfIommuResult OfIommuConfigure(Device dev, DtNode np, IReadOnlyList<uint>? pciRids)
    {
        var spec = dev.Iommu;
        // of_iommu_configure (v4.12+): an existing fwspec with ops is reused; one still waiting for its IOMMU is freed
        if (S.DmaAtProbe && spec.Fwspec is { } existing)
        {
            if (existing.Ops is not null && existing.Ops.Registered) return Replay(dev, existing.Ops);
            spec.Fwspec = null;
        }

        var entries = pciRids is null ? IommusEntries(np) : IommuMapEntries(dev, np, pciRids);
        if (entries.Count == 0) return OfIommuResult.None(new OfIommuRule.NoIommuProperty(Pci: pciRids is not null));
        IommuInstance? found = null;
        foreach (var (node, ids, error) in entries)
        {
            if (error is not null) return OfIommuResult.None(new OfIommuRule.UnusableEntry(error));
            var r = OfIommuXlate(dev, node!, ids);
            if (r.Defer) return r;
            if (r.Instance is null) return r;
            found ??= r.Instance;
        }
        return found is null ? OfIommuResult.None(new OfIommuRule.NoIommu()) : Replay(dev, found);
    }

    // of_iommu_configure tail: the per-device IOMMU probe if the device has no group yet (add_device <= v5.7, iommu_probe_device later)
    private OfIommuResult Replay(Device dev, IommuInstance inst)
    {
        if (!S.DmaAtProbe) return new OfIommuResult(inst, false, null);
        if (dev.Iommu.Group is not null) return new OfIommuResult(inst, false, null);
        int err = IommuCore.IommuProbeDevice(dev);
        if (err == -EPROBE_DEFER) return OfIommuResult.Deferred;
        if (err != 0)
        {
            Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: Adding to IOMMU failed: {err}", dev);
            return OfIommuResult.None(new OfIommuRule.ProbeDeviceFailed(err, dev.Iommu.ProbeRefusal));
        }
        return new OfIommuResult(inst, false, null);
    }

    // of_iommu_xlate: one iommus entry (or one translated PCI RID)
    private OfIommuResult OfIommuXlate(Device dev, DtNode iommuNode, IReadOnlyList<uint> args)
    {
        var inst = IommuCore.IommuOpsFromFwnode(iommuNode);
        // of_iommu_xlate: ops without of_xlate, or (v4.12+) an unavailable node: no IOMMU
        if (inst is not null && !inst.Traits.OfXlate) return OfIommuResult.None(new OfIommuRule.NoOfXlate(iommuNode.Path));
        if (!iommuNode.IsAvailable && S.OfIommuDisabledCheck) return OfIommuResult.None(new OfIommuRule.IommuDisabled(iommuNode.Path));
        if (inst is null)
        {
            switch (S.OfIommu)
            {
                case OfIommuEra.DeclareOps:
                case OfIommuEra.Instances:
                    return OfIommuResult.None(new OfIommuRule.NoRegisteredOps(iommuNode.Path));
                case OfIommuEra.DeclareTable:
                    // of_iommu_driver_present: a built-in IOMMU_OF_DECLARE entry, and the system is still booting
                    if (!HasIommuDeclareEntry(iommuNode) || SystemRunning)
                        return OfIommuResult.None(SystemRunning && HasIommuDeclareEntry(iommuNode)
                            ? new OfIommuRule.NotRegisteredBootOver(iommuNode.Path) : new OfIommuRule.NoBuiltInDriver(iommuNode.Path));
                    IommuCore.IommuFwspecInit(dev, iommuNode, null);
                    dev.SetWait(new IommuNotRegisteredWait(iommuNode.Path, CheckState: false));
                    return OfIommuResult.DeferredBecause(new OfIommuRule.DeferDriverPresent(iommuNode.Path, DisabledUnchecked: !iommuNode.IsAvailable));
                default:
                    // v4.19+: the fwspec waits for the IOMMU; driver_deferred_probe_check_state decides
                    IommuCore.IommuFwspecInit(dev, iommuNode, null);
                    int ret = DriverDeferredProbeCheckState(dev);
                    if (ret == -EPROBE_DEFER)
                    {
                        dev.SetWait(new IommuNotRegisteredWait(iommuNode.Path, CheckState: true));
                        return OfIommuResult.DeferredBecause(new OfIommuRule.DeferCheckState(iommuNode.Path));
                    }
                    return OfIommuResult.None(new OfIommuRule.CheckStateGaveUp(iommuNode.Path, ret));
            }
        }
        // iommu_fwspec_init: a fwspec of another driver -> -EINVAL -> no IOMMU
        if (!IommuCore.IommuFwspecInit(dev, iommuNode, inst))
            return OfIommuResult.None(new OfIommuRule.ForeignFwspec());
        // ops->of_xlate: the IDs go into the fwspec
        IommuCore.IommuOfXlate(dev, inst, iommuNode, args);
        return new OfIommuResult(inst, false, null);
    }

    // iommus = <&iommu args...>: #iommu-cells per entry; the parse stops at the first error
    internal List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommusEntries(DtNode np) => IommusEntries(np, Index);

    // the phandle index is the kernel's (built once per boot): a whole-tree index per call cost a third of a corpus sweep
    internal static List<(DtNode? Node, IReadOnlyList<uint> Ids, string? Error)> IommusEntries(DtNode np, DeviceTreeIndex index)
    {
        var list = new List<(DtNode?, IReadOnlyList<uint>, string?)>();
        foreach (var e in OfPhandleArgs.Parse(np, "iommus", "#iommu-cells", index: index))
        {
            if (!e.IsResolved) { list.Add((null, Array.Empty<uint>(), $"iommus: {e.Error ?? "unresolvable phandle"}")); break; }
            list.Add((e.Provider, e.Args, null));
        }
        return list;
    }

    /// <summary>Whether a built-in driver with an IOMMU_OF_DECLARE entry matches this IOMMU node (v4.12-v4.17 of_iommu_driver_present).</summary>
    private bool HasIommuDeclareEntry(DtNode node) => _k.AllDrivers.Any(drv => IommuCore.IommuOfDeclared(node, drv));
}
