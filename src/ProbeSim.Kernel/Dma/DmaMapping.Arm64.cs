using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Profiles;
using IommuDomainType = ProbeSim.Kernel.Iommu.IommuDomainType;

namespace ProbeSim.Kernel.Dma;

// arch/arm64/mm/dma-mapping.c per era: the DMA ops, the v4.4 attach queue and its notifier, the v4.10 bind notifier
internal sealed partial class DmaMapping
{
    /// <summary>arm64 v4.4 iommu_dma_masters: devices whose IOMMU attach waits for a group.</summary>
    private readonly List<Device> _arm64IommuQueue = new();

    private static readonly DigestFields Arm64Fields = new(typeof(DmaMapping), [nameof(_arm64IommuQueue)]);

    /// <summary>The arm64 queue of masters waiting for a group (iommu_dma_masters), in walk order.</summary>
    private void DigestArm64IommuQueue(ref StateDigest d)
    {
        d.Add(_arm64IommuQueue.Count);
        foreach (var dev in _arm64IommuQueue) d.Add(dev.Id);
    }

    private DmaOpsKind Arm64PlatformOps => S.Arm64DefaultOpsDirect ? DmaOpsKind.Direct : DmaOpsKind.Swiotlb;

    // arch/arm64 arch_setup_dma_ops, per era
    private void ArchSetupDmaOpsArm64(Device dev, IommuInstance? iommu, bool coherent)
    {
        var dma = dev.Dma;
        dma.Coherent = coherent;
        switch (S.Arm64Dma)
        {
            case Arm64Dma.None:
                // v4.2: coherency only
                dma.Ops = DmaOpsKind.Swiotlb;
                break;
            case Arm64Dma.NotifierAdd:
                // __iommu_setup_dma_ops: attach now if the group exists, else queue_iommu_attach
                if (dma.Ops == DmaOpsKind.None) dma.Ops = Arm64PlatformOps;
                if (iommu is null) break;
                if (dev.Iommu.Group is not null && DoIommuAttach(dev)) break;
                // queue_iommu_attach uses list_add: the newest entry is walked first
                if (_arm64IommuQueue.Contains(dev)) break;
                _arm64IommuQueue.Insert(0, dev);
                dma.QueuedAttach = new Arm64QueuedAttach(NowUs);
                // v4.4 prints nothing here (arch/arm64/mm/dma-mapping.c:860-877); the line is the model's, marked as such
                Printk(LogLevel.Debug, $"{Boot.Kernel.ModelLogPrefix}arm64 queue_iommu_attach: {dev.Name} has no IOMMU group yet; IOMMU DMA ops wait for a BUS_NOTIFY_ADD_DEVICE", dev);
                break;
            case Arm64Dma.NotifierBind:
                // v4.10-v4.11: platform ops now; the BUS_NOTIFY_BIND_DRIVER notifier installs IOMMU ops
                dma.Ops = Arm64PlatformOps;
                break;
            case Arm64Dma.Direct:
                dma.Ops = Arm64PlatformOps;
                if (iommu is null) break;
                // do_iommu_attach / iommu_setup_dma_ops: iommu_get_domain_for_dev, the group's current domain (not its default):
                // none warns, a DMA domain gives iommu_dma_ops, identity or a driver's unmanaged domain keeps the platform ops
                var dom = dev.Iommu.Group?.Domain;
                if (dom is null) Printk(LogLevel.Warning, $"Failed to set up IOMMU for device {dev.Name}; retaining platform DMA ops", dev);
                else if (IommuDomainTypes.IsDmaApi(dom.Type)) dma.Ops = DmaOpsKind.IommuDma;
                break;
            default:
                // v6.12: the IOMMU core set dev->dma_iommu when the device joined a group with a DMA domain
                dma.Ops = dma.DmaIommu ? DmaOpsKind.IommuDma : DmaOpsKind.Direct;
                break;
        }
    }

    // do_iommu_attach (v4.4): the group's default domain, else a private "fake default" DMA domain
    private bool DoIommuAttach(Device dev)
    {
        var group = dev.Iommu.Group!;
        var dom = group.DefaultDomain;
        if (dom is null || !IommuDomainTypes.IsDmaApi(dom.Type))
        {
            var inst = dev.Iommu.Instance!;
            dom = dev.Iommu.ArchPrivateDomain ?? IommuCore.IommuDomainAlloc(IommuDomainType.Dma, inst, "arm64 private");
            if (dom is null || IommuCore.IommuAttachSingle(dom, dev) != 0)
            {
                Printk(LogLevel.Warning, $"Failed to set up IOMMU for device {dev.Name}; retaining platform DMA ops", dev);
                return false;
            }
            dev.Iommu.ArchPrivateDomain = dom;
        }
        dev.Dma.Ops = DmaOpsKind.IommuDma;
        return true;
    }

    // register_iommu_dma_ops_notifier (v4.4): platform and amba, priority -100 so the IOMMU core's block (add_device) runs first
    private void SubscribeArm64DmaNotifiers()
    {
        Platform.Notifier.Register(Arm64IommuAttachNotifier, priority: -100);
        Amba.Notifier.Register(Arm64IommuAttachNotifier, priority: -100);
        // v4.10-v4.11: the bind block, after every other block of the bus (the model hears it on every bus)
        if (S.Arm64Dma == Arm64Dma.NotifierBind)
            foreach (var bus in _k.Buses) bus.Notifier.Register(Arm64BindDriverNotifier, priority: -100);
    }

    // __iommu_attach_notifier (v4.4, BUS_NOTIFY_ADD_DEVICE, after the IOMMU core's notifier): the whole queue is walked
    private void Arm64IommuAttachNotifier(BusNotify action, Device added)
    {
        if (action != BusNotify.AddDevice || !DmaModel || S.Arm64Dma != Arm64Dma.NotifierAdd || Arm32) return;
        foreach (var dev in _arm64IommuQueue.ToList())
        {
            if (dev.Iommu.Group is null || !DoIommuAttach(dev)) continue;
            _arm64IommuQueue.Remove(dev);
            dev.Dma.QueuedAttach = dev.Dma.QueuedAttach! with { AttachedUs = NowUs, AddedDevice = added.Name };
            // no kernel line either (dma-mapping.c:879-897); the model's
            Printk(LogLevel.Debug, $"{Boot.Kernel.ModelLogPrefix}arm64 __iommu_attach_notifier: BUS_NOTIFY_ADD_DEVICE of {added.Name}: {dev.Name} attached to IOMMU group {dev.Iommu.Group!.Id}, iommu_dma_ops", dev);
        }
    }

    // v4.10-v4.11 BUS_NOTIFY_BIND_DRIVER: the device being bound gets IOMMU ops if its group has a DMA default domain
    private void Arm64BindDriverNotifier(BusNotify action, Device dev)
    {
        if (action != BusNotify.BindDriver || Arm32 || dev.Dma.IommuFound is null) return;
        var dom = dev.Iommu.Group?.DefaultDomain;
        if (dom is not null && IommuDomainTypes.IsDmaApi(dom.Type)) dev.Dma.Ops = DmaOpsKind.IommuDma;
        else if (dom?.Type != IommuDomainType.Identity)
            Printk(LogLevel.Warning, $"Failed to set up IOMMU for device {dev.Name}; retaining platform DMA ops", dev);
    }

    // arm64 arch_teardown_dma_ops: IOMMU ops go (a private domain is detached); nothing from v6.12
    private void ArchTeardownDmaOpsArm64(Device dev)
    {
        if (S.Arm64Dma == Arm64Dma.Core) return;
        if (dev.Iommu.ArchPrivateDomain is { } priv)
        {
            priv.Attached.Remove(dev);
            IommuCore.IommuDomainFree(priv);
            dev.Iommu.ArchPrivateDomain = null;
        }
        dev.Dma.Ops = DmaOpsKind.None;
    }
}
