using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;
using IommuDomainType = ProbeSim.Kernel.Iommu.IommuDomainType;

namespace ProbeSim.Kernel.Dma;

// arch/arm/mm/dma-mapping.c per era: the arm32 ops and IOMMU mappings
internal sealed partial class DmaMapping
{
    // arch/arm arch_setup_dma_ops, per era (spec driver-core R9.6-R9.9, docs/kernel/of-iommu.md 4.2)
    private void ArchSetupDmaOpsArm32(Device dev, IommuInstance? iommu, bool coherent)
    {
        var dma = dev.Dma;
        dma.Coherent = coherent;
        // v4.12-rc1+: a device that already has DMA ops (an IOMMU driver attached its own mapping) is left alone
        if (S.Arm32Dma != Arm32Dma.Overwrite && dma.Ops != DmaOpsKind.None) return;
        dma.Ops = DmaOpsKind.Arm;
        if (iommu is not null && ArmSetupIommuDmaOps(dev, iommu)) dma.Ops = DmaOpsKind.ArmIommu;
        // a93a121a9653: dma_ops_setup marks ops the arch code installed itself
        if (S.Arm32Dma is Arm32Dma.GuardedKeepsPlain or Arm32Dma.GuardedClears) dma.DmaOpsSetup = true;
    }

    // arm_setup_iommu_dma_ops: a per-device mapping from iommu_domain_alloc(dev->bus), attached with iommu_attach_device
    private bool ArmSetupIommuDmaOps(Device dev, IommuInstance iommu)
    {
        // with per-bus ops the domain comes from the bus's driver, which may not be the device's (spec iommu-core R2.6)
        var allocBy = S.IommuBusOps && IommuCore.BusOps(dev.Bus) is { } busInst ? busInst : iommu;
        var dom = IommuCore.IommuDomainAlloc(IommuDomainType.Unmanaged, allocBy, "arm32 mapping");
        int ret = dom is null ? -ENOMEM : IommuCore.IommuAttachSingle(dom, dev);
        if (ret != 0)
        {
            Printk(LogLevel.Warning, $"Failed to attached device {dev.Name} to IOMMU_mapping", dev);
            if (dom is not null) IommuCore.IommuDomainFree(dom);
            return false;
        }
        dev.Dma.Mapping = new ArmIommuMapping(dom!, null, shared: false);
        return true;
    }

    /// <summary>
    /// arm_iommu_attach_device from an IOMMU driver's add_device (or, with arm_shared_mapping_at probe-finalize, its probe_finalize) (ipmmu-vmsa on R-Car Gen2): one mapping per IOMMU instance,
    /// shared by its masters; it sets the device's DMA ops itself.
    /// </summary>
    internal void ArmAttachSharedMapping(Device dev, IommuInstance inst)
    {
        if (!Arm32 || !inst.Traits.SharedArmMapping || dev.Dma.Mapping is not null) return;
        inst.SharedMapping ??= NewSharedMapping(inst);
        if (inst.SharedMapping is not { } m) return;
        if (IommuCore.IommuAttachDevice(m.Domain, dev, inst) != 0) return;
        m.Refs++;
        dev.Dma.Mapping = m;
        dev.Dma.Ops = DmaOpsKind.ArmIommu;
    }

    private ArmIommuMapping? NewSharedMapping(IommuInstance inst)
    {
        var dom = IommuCore.IommuDomainAlloc(IommuDomainType.Unmanaged, inst, $"{inst.DriverName} shared mapping");
        return dom is null ? null : new ArmIommuMapping(dom, inst, shared: true) { Refs = 0 };
    }

    // arch/arm arch_teardown_dma_ops, per era
    private void ArchTeardownDmaOpsArm32(Device dev)
    {
        var dma = dev.Dma;
        switch (S.Arm32Dma)
        {
            case Arm32Dma.Overwrite:
            case Arm32Dma.Unguarded:
                // arm_teardown_iommu_dma_ops: whatever mapping the device has is detached and released; the ops stay
                ReleaseArmMapping(dev);
                break;
            case Arm32Dma.GuardedKeepsPlain:
                if (!dma.DmaOpsSetup) return;
                // arm_iommu_detach_device clears the ops of an IOMMU mapping; plain ops survive
                if (dma.Mapping is not null) { ReleaseArmMapping(dev); dma.Ops = DmaOpsKind.None; }
                break;
            default:
                if (!dma.DmaOpsSetup) return;
                ReleaseArmMapping(dev);
                // arch_teardown_dma_ops: set_dma_ops(dev, NULL); archdata.dma_ops_setup stays set (no kernel clears it)
                dma.Ops = DmaOpsKind.None;
                break;
        }
    }

    // arm_iommu_detach_device + arm_iommu_release_mapping
    private void ReleaseArmMapping(Device dev)
    {
        if (dev.Dma.Mapping is not { } m) return;
        IommuCore.IommuDetachDevice(m.Domain, dev);
        dev.Dma.Mapping = null;
        if (--m.Refs <= 0)
        {
            IommuCore.IommuDomainFree(m.Domain);
            if (m.Owner is { } o && o.SharedMapping == m) o.SharedMapping = null;
        }
    }
}
