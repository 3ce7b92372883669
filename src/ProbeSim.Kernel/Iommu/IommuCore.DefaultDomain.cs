using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

// The default domain: its type (command line, driver preference, group conflicts) and its allocation per era.
internal sealed partial class IommuCore
{
    private IommuDomainType? _defDomainType;
    private bool _defTypeFromCmdline, _strictFromCmdline, _lazy;

    private static readonly DigestFields DefaultDomainFields = new(typeof(IommuCore),
        [nameof(_defDomainType), nameof(_lazy)],
        (nameof(_defTypeFromCmdline), DigestFields.Input + " (it only words iommu_subsys_init's message)"),
        (nameof(_strictFromCmdline), DigestFields.Input + " (it only words iommu_subsys_init's message)"));

    // the global default type and lazy mode (a driver may force strict mode: iommu_set_dma_strict)
    private void DigestDefaultDomain(ref StateDigest d) => d.Add((_defDomainType is { } t ? 1UL | (ulong)t << 1 : 0UL) | (_lazy ? 1UL << 8 : 0));

    /// <summary>iommu_set_def_domain_type / iommu_dma_setup early params: the global default type.</summary>
    internal void IommuDefaultTypeFromCmdline()
    {
        // the build's default: CONFIG_IOMMU_DEFAULT_PASSTHROUGH / CONFIG_IOMMU_DEFAULT_DMA_LAZY (x86 kernels give their .config)
        bool passthrough = S.IommuDefaultPassthrough || (_k.X86?.Config.Passthrough ?? false);
        _lazy = _k.X86?.Config.DmaLazy ?? false;
        _defTypeFromCmdline = _strictFromCmdline = false;
        if (S.IommuPassthroughParam && _k.CommandLine.Get("iommu.passthrough") is { } pt) { passthrough = KernelCommandLine.ParseBool(pt) ?? passthrough; _defTypeFromCmdline = true; }
        if (S.IommuLazy != IommuLazy.None && _k.CommandLine.Get("iommu.strict") is { } st && KernelCommandLine.ParseBool(st) is { } strict)
        {
            _lazy = !strict;
            _strictFromCmdline = true;
        }
        // x86 iommu=pt / iommu=nopt (arch/x86/kernel/pci-dma.c:176-179): iommu_set_default_passthrough/translated(true)
        if (_k.X86?.Params.Passthrough is { } x86pt) { passthrough = x86pt; _defTypeFromCmdline = true; }
        _defDomainType = passthrough ? IommuDomainType.Identity : _lazy && S.IommuLazy == IommuLazy.DmaFq ? IommuDomainType.DmaFq : IommuDomainType.Dma;
    }

    /// <summary>iommu_set_dma_strict (drivers/iommu/iommu.c): a driver forces strict mode; a DMA-FQ default becomes DMA.</summary>
    internal void IommuSetDmaStrict()
    {
        _lazy = false;
        if (_defDomainType == IommuDomainType.DmaFq) _defDomainType = IommuDomainType.Dma;
    }

    /// <summary>iommu_subsys_init (subsys_initcall): the boot lines naming the default type.</summary>
    internal void IommuSubsysInit()
    {
        if (S.IommuDefaultLog == IommuDefaultLog.None) return;
        bool passthrough = GlobalDefaultType == IommuDomainType.Identity;
        var kind = passthrough ? "Passthrough" : "Translated";
        var cmd = _defTypeFromCmdline ? "(set via kernel command line)" : "";
        Printk(LogLevel.Info, S.IommuDefaultLog == IommuDefaultLog.V5_10 ? $"iommu: Default domain type: {kind} {cmd}"
            : $"iommu: Default domain type: {kind}{(cmd.Length > 0 ? " " + cmd : "")}");
        if (S.IommuLazy == IommuLazy.DmaFq && !passthrough)
        {
            var mode = _lazy ? "lazy" : "strict";
            var scmd = _strictFromCmdline ? "(set via kernel command line)" : "";
            Printk(LogLevel.Info, S.IommuDefaultLog == IommuDefaultLog.V5_10 ? $"iommu: DMA domain TLB invalidation policy: {mode} mode {scmd}"
                : $"iommu: DMA domain TLB invalidation policy: {mode} mode{(scmd.Length > 0 ? " " + scmd : "")}");
        }
    }

    private IommuDomainType GlobalDefaultType => _defDomainType ?? IommuDomainType.Dma;

    // iommu_get_def_domain_type: untrusted PCI -> DMA, else the driver's def_domain_type (0 = no preference)
    private IommuDomainType? DevicePreferredType(Device dev, IommuInstance inst)
    {
        if (!S.DefDomainTypeOp) return null;
        if (dev.Pci?.Untrusted == true) return IommuDomainType.Dma;
        // ops->def_domain_type of a firmware-table driver (intel device_def_domain_type, amd_iommu_def_domain_type)
        if (inst.Firmware is { } fw) return fw.DefDomainType(dev);
        if (dev.Node is not null && inst.Traits.IdentityClients.Any(dev.Node.Compatible.Contains)) return IommuDomainType.Identity;
        return null;
    }

    // iommu_get_default_domain_type over the group: first preference wins; a conflict warns and falls back
    private IommuDomainType GroupDefaultType(IommuGroup group, IEnumerable<Device> devices)
    {
        IommuDomainType? chosen = null;
        Device? chooser = null;
        foreach (var d in devices)
        {
            var inst = d.Iommu.Instance;
            if (inst is null || DevicePreferredType(d, inst) is not { } t) continue;
            if (chosen is null) { chosen = t; chooser = d; continue; }
            if (chosen == t) continue;
            if (S.DefDomainIdentityWins)
            {
                Printk(LogLevel.Warning, $"iommu: IOMMU driver error, requesting conflicting def_domain_type, {IommuDomainTypes.SysfsName(chosen.Value)} and {IommuDomainTypes.SysfsName(t)}, for devices in group {group.Id}.");
                chosen = IommuDomainType.Identity;
            }
            else
            {
                DevPrintk(LogLevel.Warning, chooser!, $"Device needs domain type {IommuDomainTypes.SysfsName(chosen.Value)}, but device {d.Name} in the same iommu group requires type {IommuDomainTypes.SysfsName(t)} - using default");
                chosen = null;
                break;
            }
        }
        if (chosen == IommuDomainType.Dma && GlobalDefaultType == IommuDomainType.DmaFq && !devices.Any(d => d.Pci?.Untrusted == true))
            return IommuDomainType.DmaFq;
        return chosen ?? GlobalDefaultType;
    }

    // <= v5.7 iommu_group_get_for_dev: the default domain of a new group, falling back to DMA
    private void AllocDefaultDomainLegacy(Device dev, IommuInstance inst, IommuGroup group)
    {
        var type = GlobalDefaultType;
        var dom = IommuDomainAlloc(type, inst);
        if (dom is null && type != IommuDomainType.Dma)
        {
            DevPrintk(LogLevel.Warning, dev, $"failed to allocate default IOMMU domain of type {(int)type}; falling back to IOMMU_DOMAIN_DMA");
            dom = IommuDomainAlloc(IommuDomainType.Dma, inst);
        }
        group.DefaultDomain = group.Domain = dom;
    }

    // v5.8-v6.4 iommu_alloc_default_domain / iommu_group_alloc_default_domain
    private bool AllocDefaultDomain(IommuGroup group, Device dev, IommuInstance inst)
    {
        var type = GroupDefaultType(group, group.Devices.Count > 0 ? group.Devices : new[] { dev });
        var dom = IommuDomainAlloc(type, inst);
        if (dom is null && type != IommuDomainType.Dma)
        {
            Printk(LogLevel.Warning, $"iommu: Failed to allocate default IOMMU domain of type {(int)type} for group (null) - Falling back to IOMMU_DOMAIN_DMA");
            dom = IommuDomainAlloc(IommuDomainType.Dma, inst);
        }
        if (dom is null) return false;
        group.DefaultDomain = dom;
        return true;
    }

    /// <summary>v6.5+ iommu_setup_default_domain: allocate, then attach every device; a failed first attach is a kernel WARNING.</summary>
    private int IommuSetupDefaultDomain(IommuGroup group)
    {
        var inst = group.Devices[0].Iommu.Instance!;
        var type = GroupDefaultType(group, group.Devices);
        var dom = IommuDomainAlloc(type, inst);
        if (dom is null && type != IommuDomainType.Dma && (GlobalDefaultType != IommuDomainType.Dma || !S.DefaultDomainFailureFailsProbe))
        {
            Printk(LogLevel.Warning, $"iommu: Failed to allocate default IOMMU domain of type {(int)type} for group (null) - Falling back to IOMMU_DOMAIN_DMA");
            dom = IommuDomainAlloc(IommuDomainType.Dma, inst);
        }
        if (dom is null) return S.DefaultDomainFailureFailsProbe ? -ENOMEM : 0;
        group.DefaultDomain = dom;
        if (group.Domain is not null) return SwitchGroupDomain(group, dom);
        int first = 0;
        foreach (var d in group.Devices.ToList())
        {
            int r = IommuAttachDevice(dom, d, d.Iommu.Instance!);
            if (r != 0 && first == 0)
            {
                // __iommu_group_set_domain_internal with IOMMU_SET_DOMAIN_MUST_SUCCEED
                Printk(LogLevel.Warning, "------------[ cut here ]------------");
                Printk(LogLevel.Warning, "WARNING: CPU: 0 PID: 1 at drivers/iommu/iommu.c:3005 iommu_setup_default_domain");
                first = r;
            }
        }
        group.Domain = dom;
        return first;
    }
}
