using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.DriverCore;

// drv->probe of a modelled driver: its requests go to the provider subsystems (Providers/ProviderCore), then its script
internal sealed partial class DriverModel
{
    // drv->probe: a generic driver asks for every resource its node names (docs/kernel/resource-providers.md), then runs its script
    private int RunDriverProbe(Device dev, Driver drv)
    {
        var script = drv.Spec.Probe;
        if (Schedule.Active && InjectedProbeFault(dev) is var fault && fault != 0) return fault;
        if (IsSimplePmBus(drv) && SimplePmBusRejects(dev)) return -ENODEV;
        if (PciCore.DriverProbeCheck(dev, drv) is var pciRet && pciRet != 0) return pciRet;
        if (drv.Spec.Plan is { } plan)
        {
            int ret = Providers.RunPlan(dev, plan);
            if (ret != 0) return ret;
        }
        else if (dev.Node is not null && (script?.RequestResources ?? true))
        {
            int ret = Providers.RequestResources(dev);
            if (ret != 0) return ret;
        }
        // dmam_alloc_coherent: a devres-managed buffer, allocated through the ops the device has now
        if (drv.Spec.DmamAllocBytes is { } bytes) DevresAdd(dev, $"dmam_alloc_coherent {bytes} bytes", dev.Dma.Ops);
        if (script is null) return 0;
        int attempt = dev.ScriptAttempts.GetValueOrDefault(drv);
        dev.ScriptAttempts[drv] = attempt + 1;
        var step = StepAt(script, attempt);
        switch (step.Kind)
        {
            case ProbeStepKind.Fail:
                dev.SetWait(null);
                return -step.Errno;
            case ProbeStepKind.Defer:
                dev.SetWait(new ScriptDefersWait());
                return step.Reason is { } r ? DevErrProbe(dev, -EPROBE_DEFER, r) : -EPROBE_DEFER;
            default:
                return 0;
        }
    }

    // fault injection: drv->probe returns an errno at this attempt, or an allocation in it fails (-ENOMEM)
    private int InjectedProbeFault(Device dev)
    {
        int e = Schedule.Fault(_k, FaultSite.Probe, dev, dev.ProbeAttempts);
        if (e == 0 && Schedule.Fault(_k, FaultSite.Alloc, dev, dev.ProbeAttempts) != 0) e = ENOMEM;
        if (e == 0) return 0;
        dev.SetWait(new InjectedFaultWait(-e, dev.ProbeAttempts));
        return e == EPROBE_DEFER ? DevErrProbe(dev, -EPROBE_DEFER, "injected -EPROBE_DEFER") : -e;
    }

    // a Defer step with Count n covers n attempts; the last step repeats
    private static ProbeStep StepAt(ProbeScript script, int attempt)
    {
        foreach (var step in script.Steps)
        {
            int n = Math.Max(1, step.Count);
            if (attempt < n) return step;
            attempt -= n;
        }
        return script.Steps[^1];
    }
}
