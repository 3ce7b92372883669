using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    /// <summary>
    /// driver_probe_device: returns (errno era) 0 bound, &lt;0 core refusal, &gt;0 negated errno of a failed driver probe;
    /// (really_probe era) 1 bound, 0 failed driver probe, &lt;0 core refusal.
    /// </summary>
    internal int DriverProbeDevice(Driver drv, Device dev)
    {
        // __driver_probe_device: dead device, or a driver already set
        if (dev.Dead) return -ENODEV;
        if (dev.Driver is not null || dev.Bound) return -EBUSY;
        dev.CanMatch = true;
        int localTrigger = _triggerCount;
        int ret = ReallyProbe(dev, drv, localTrigger);
        if (S.ProbeReturnsErrno && (ret == -EPROBE_DEFER || ret == EPROBE_DEFER))
            DeferredProbeAddTrigger(dev, localTrigger);
        return ret;
    }

    // really_probe, with the ordering and unwind of the profile's era (docs/kernel/deferred-probe.md section 1)
    private int ReallyProbe(Device dev, Driver drv, int localTrigger)
    {
        Tick(20);
        dev.ProbeAttempts++;
        dev.LastProbeDriver = drv;
        Printk(LogLevel.Debug, $"bus: '{dev.Bus.Name}': {drv.Name}: probing driver {drv.Name} with device {dev.Name}");

        // device_links_check_suppliers before anything else
        if (S.DeviceLinks)
        {
            int link = DeviceLinksCheckSuppliers(dev);
            if (link == -EPROBE_DEFER)
            {
                dev.LastProbeDeferred = true;
                if (S.LinkDeferAddsPending && !S.ProbeReturnsErrno) DeferredProbeAddTrigger(dev, localTrigger);
                return -EPROBE_DEFER;
            }
        }

        dev.Driver = drv;
        DeviceLinksConsumerProbing(dev);
        bool bindSent = false;

        // pinctrl_bind_pins
        int ret = Providers.PinctrlBindPins(dev);
        if (ret != 0) return ProbeFailed(dev, drv, ret, Stage.Pinctrl, bindSent, localTrigger);

        // bus->dma_configure (v4.12+): of_dma_configure, of_iommu_configure, arch ops, DMA ownership (Dma/DmaConfigure.cs)
        if (S.DmaAtProbe)
        {
            ret = DmaMapping.DmaConfigure(dev);
            if (ret != 0) return ProbeFailed(dev, drv, ret, Stage.DmaConfigure, bindSent, localTrigger);
        }

        // driver_sysfs_add: BUS_NOTIFY_BIND_DRIVER
        Notify(BusNotify.BindDriver, dev);
        bindSent = true;

        // call_driver_probe: bus probe (platform: clock defaults, genpd attach) then the driver's probe
        ret = BusProbe(dev, drv);
        if (ret != 0) return ProbeFailed(dev, drv, ret, Stage.Probe, bindSent, localTrigger);

        DriverBound(dev);
        return S.ProbeReturnsErrno ? 0 : 1;
    }

    private enum Stage { Pinctrl, DmaConfigure, Probe, Unbind }

    // really_probe failure paths: the unwind in the profile's order, then the probe-result log and return code per era
    private int ProbeFailed(Device dev, Driver drv, int ret, Stage stage, bool bindSent, int localTrigger)
    {
        bool notBound = S.NotBoundEvent && stage switch
        {
            Stage.Probe => bindSent,
            // v4.12..v5.18: a dma_configure failure jumps to probe_failed and sends NOT_BOUND without BIND
            Stage.DmaConfigure => S.ReallyProbe is ReallyProbeEra.V4_12 or ReallyProbeEra.V5_4,
            _ => false,
        };
        dev.LastProbeDeferred = ret == -EPROBE_DEFER;
        ReallyProbeUnwind(dev, drv, stage, notBound);
        dev.Driver = null;
        var failedAt = stage switch { Stage.Pinctrl => ProbeFailureStep.PinctrlBindPins, Stage.DmaConfigure => ProbeFailureStep.DmaConfigure, _ => ProbeFailureStep.DriverProbe };
        // really_probe's closing switch (<= v5.12) logs every failure; call_driver_probe's (v5.13+) only the driver's probe
        if (stage == Stage.Probe || S.ProbeResultLogEveryFailure) LogProbeResult(dev, drv, ret);
        if (stage == Stage.Probe)
        {
            if (ret != -EPROBE_DEFER) dev.LastError = ret;
            // call_driver_probe: -ENODEV/-ENXIO is a silent "rejects match": the device stays unbound, not failed
            dev.RejectedBy = ret == -ENODEV || ret == -ENXIO ? (drv.Name, ret) : ret == -EPROBE_DEFER ? dev.RejectedBy : null;
        }
        else if (ret != -EPROBE_DEFER) { dev.LastError = ret; dev.RejectedBy = null; }
        dev.LastFailure = ret == -EPROBE_DEFER ? null : FailureOf(dev, drv, ret, failedAt);

        if (S.ProbeReturnsErrno)
            // call_driver_probe failures come back negated (positive); core-step failures stay negative
            return stage == Stage.Probe ? -ret : ret;

        if (ret == -EPROBE_DEFER) DeferredProbeAddTrigger(dev, localTrigger);
        // before v5.19 really_probe swallowed the error: the driver walk goes on
        return 0;
    }

    // platform_dma_configure (v5.19+): -EBUSY from iommu_device_use_default_domain names the group user space owns
    private static ProbeFailure FailureOf(Device dev, Driver drv, int ret, ProbeFailureStep step) =>
        step == ProbeFailureStep.DmaConfigure && ret == -EBUSY && dev.Iommu.Group is { Owner: { } owner } g
            ? new ProbeFailure(drv.Name, ret, step, g.Id, owner)
            : new ProbeFailure(drv.Name, ret, step);

    // the return-code switch of really_probe (<= v5.12) or call_driver_probe (v5.13+)
    private void LogProbeResult(Device dev, Driver drv, int ret)
    {
        // dev_dbg after really_probe cleared dev->driver names the bus; call_driver_probe still has the driver
        var who = S.ProbeResultLogEveryFailure ? dev.DriverString : drv.Name;
        if (ret == -EPROBE_DEFER)
            Printk(LogLevel.Debug, $"{who} {dev.Name}: Driver {drv.Name} requests probe deferral");
        else if (ret == -ENODEV || ret == -ENXIO)
            Printk(LogLevel.Debug, $"{drv.Name}: probe of {dev.Name} rejects match {ret}");
        else if (S.DevProbeFailureMessage)
            Printk(LogLevel.Err, $"{who} {dev.Name}: probe with driver {drv.Name} failed with error {ret}");
        else
            Printk(LogLevel.Warning, $"{drv.Name}: probe of {dev.Name} failed with error {ret}");
    }

    // platform_probe / amba_probe: power domain attach, then the driver
    private int BusProbe(Device dev, Driver drv)
    {
        Tick(30);
        int ret = Providers.PmDomainAttach(dev);
        if (ret != 0) return ret;
        ret = RunDriverProbe(dev, drv);
        if (ret == 0)
        {
            DmaMapping.DriverSetDmaMask(dev, drv);
            // an IOMMU driver's probe ends with iommu_device_register
            if (DmaModel && Iommu.IommuCore.IsIommuNode(dev.Node)) ret = IommuCore.IommuDriverProbe(dev, drv);
        }
        // platform_probe: prevent_deferred_probe turns a deferral into -ENXIO
        if (ret == -EPROBE_DEFER && drv.Spec.PreventDeferredProbe)
        {
            DevPrintk(LogLevel.Warning, dev, "probe deferral not supported");
            ret = -ENXIO;
        }
        return ret;
    }

    // driver_bound: klist, device_links_driver_bound, off the deferred list, trigger, BOUND_DRIVER
    private void DriverBound(Device dev)
    {
        dev.Bound = true;
        dev.BoundAtUs = NowUs;
        dev.LastError = null;
        dev.LastFailure = null;
        dev.RejectedBy = null;
        dev.LastProbeDeferred = false;
        dev.SetWait(null);
        dev.Driver!.Devices.Add(dev);
        Printk(LogLevel.Debug, $"driver: '{dev.Driver.Name}': driver_bound: bound to device '{dev.Name}'");
        DeviceLinksDriverBound(dev);
        DeferredProbeDel(dev);
        DeferredProbeTrigger();
        Notify(BusNotify.BoundDriver, dev);
        OnDriverBoundCreateChildren(dev);
        PciCore.HostProbe(dev);
        DmaMapping.RunDmaScript(dev);
    }

    // device_release_driver: consumers first, then UNBIND_DRIVER, remove, cleanup, UNBOUND_DRIVER
    internal void DeviceReleaseDriver(Device dev)
    {
        if (!dev.Bound || dev.Driver is null) return;
        foreach (var l in dev.ConsumerLinks.ToList())
            if (l.Managed && !l.SyncStateOnly && l.Consumer.Bound) DeviceReleaseDriver(l.Consumer);
        dev.LinkState = DlDevState.Unbinding;
        Notify(BusNotify.UnbindDriver, dev);
        // __device_release_driver: devres_release_all before the DMA teardown (v5.2+ order)
        DevresReleaseAll(dev);
        DmaTeardown(dev, Stage.Unbind);
        DeviceLinksUnbound(dev);
        dev.Driver.Devices.Remove(dev);
        dev.Driver = null;
        dev.Bound = false;
        dev.BoundAtUs = null;
        dev.Unbinds++;
        Notify(BusNotify.UnboundDriver, dev);
        _k.NoteConsumersLeftBound(dev);
    }
}
