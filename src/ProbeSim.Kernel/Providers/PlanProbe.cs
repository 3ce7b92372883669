using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    // while a plan's request runs, the subsystem getters record no invented dev_err_probe text
    private bool _planQuiet;

    // drv->probe of a driver with a probe plan: its requests in source order, each with the driver's own policy and text
    private int RunPlan(Device dev, ProbePlan plan)
    {
        dev.PlanHadUnknown = false;
        foreach (var step in plan.Steps)
        {
            switch (step.Kind)
            {
                case PlanStepKind.Unknown:
                    // a call the importer could not follow: skipped, the outcome rests on a guess
                    dev.PlanHadUnknown = true;
                    continue;
                case PlanStepKind.Defer:
                    // an explicit return -EPROBE_DEFER under a condition the model cannot evaluate: recorded, not run (docs/boot.md)
                    continue;
                case PlanStepKind.Request:
                    if (step.Policy == PlanPolicy.NotRequested) continue;
                    int ret = PolicyResult(step.Policy ?? PlanPolicy.Required, PlanRequest(dev, step));
                    if (ret == 0) continue;
                    // dev_err_probe(dev, ret, "...") with the driver's text: the only deferral reason the kernel records
                    return step.Message is { } text ? DevErrProbe(dev, ret, text, driverText: true) : ret;
            }
        }
        return 0;
    }

    // what the driver does with the getter's result: Optional ignores it, the *_optional getters let -EPROBE_DEFER through
    private static int PolicyResult(PlanPolicy policy, int ret) => policy switch
    {
        PlanPolicy.Optional => 0,
        PlanPolicy.OptionalDeferPropagates => ret == -EPROBE_DEFER ? ret : 0,
        _ => ret,
    };

    private int PlanRequest(Device dev, PlanStep step)
    {
        var kind = PlanResources.KindOf(step.Resource ?? PlanResource.Other);
        if (kind is null) return PlanExtraRequest(dev, step);
        var refs = dev.Node is null ? Array.Empty<OfResourceRef>() : ResourcesOf(dev.Node);
        var chosen = PlanResources.Select(refs, kind.Value, step);
        if (chosen.Count == 0)
            return step.Lookup == PlanLookup.All ? 0 : PlanMissing(dev, kind.Value, step);
        int pdCount = refs.Count(r => r.Kind == ResourceKind.PowerDomain);
        _planQuiet = true;
        try
        {
            foreach (var r in chosen)
            {
                int ret = PlanGet(dev, r, pdCount, step);
                if (ret != 0) return ret;
            }
            return 0;
        }
        finally { _planQuiet = false; }
    }

    private int PlanGet(Device dev, OfResourceRef r, int pdCount, PlanStep step)
    {
        switch (r.Kind)
        {
            case ResourceKind.Clock: return ClkGet(dev, r);
            case ResourceKind.Reset:
            case ResourceKind.Gpio: return SimpleGet(dev, r, "");
            case ResourceKind.Regulator:
                // regulator_resolve_supply: a rail fed by the device's own regulators is resolved by the regulator core later
                return r.Provider is { } own && IsAncestorOrSelf(dev.Node, own) ? 0 : RegulatorGet(dev, r);
            // dev_pm_domain_attach_by_*: with a single domain the platform bus already attached it
            case ResourceKind.PowerDomain: return pdCount > 1 ? GenpdAttach(dev, r) : 0;
            case ResourceKind.Phy: return PhyGet(dev, r);
            case ResourceKind.Dma: return DmaRequestChan(dev, r);
            case ResourceKind.Interrupt:
                int ret = PlatformGetIrq(dev, r);
                // platform_get_irq: dev_err_probe(.., "IRQ index %u not found") is the subsystem's own text (platform.c:266)
                if (ret == -EPROBE_DEFER && S.IrqDeferReason && step.Policy is null or PlanPolicy.Required && step.Lookup == PlanLookup.Index)
                    SetDeferReason(dev, $"IRQ index {r.Index} not found");
                return ret;
            default: return 0;  // pinctrl: pinctrl_bind_pins already ran in really_probe
        }
    }

    // a resource the node does not name: what each subsystem returns (docs/kernel/resource-providers.md)
    private int PlanMissing(Device dev, ResourceKind kind, PlanStep step)
    {
        switch (kind)
        {
            case ResourceKind.Clock:
            case ResourceKind.Reset:
            case ResourceKind.Gpio: return -ENOENT;   // of_parse_clkspec, __of_reset_control_get, gpiod_find_and_request
            case ResourceKind.Phy:
            case ResourceKind.Dma: return -ENODEV;    // _of_phy_get, of_dma_request_slave_channel
            case ResourceKind.Interrupt:
                // mfd_add_device / platform_device_add_resources: a device a driver created by name gets its IRQs as
                // resources, mapped through the parent's irq domain (registered: the parent has probed)
                if (dev.MatchName is not null) return 0;
                // platform_get_irq logs the miss; platform_get_irq_optional is silent
                if (step.Policy is null or PlanPolicy.Required)
                    DevPrintk(ProbeSim.Kernel.Boot.LogLevel.Err, dev, $"IRQ index {step.Index ?? 0} not found");
                return -ENXIO;
            case ResourceKind.Regulator:
                // _regulator_get: regulator_get falls back to the dummy; regulator_get_optional returns -ENODEV
                if (step.Policy is PlanPolicy.Optional or PlanPolicy.OptionalDeferPropagates) return -ENODEV;
                var id = step.Name ?? "vdd";
                DevPrintk(ProbeSim.Kernel.Boot.LogLevel.Warning, dev, S.DummyRegulatorShort
                    ? $"supply {id} not found, using dummy regulator"
                    : $"{dev.Name} supply {id} not found, using dummy regulator");
                return 0;
            default: return 0;                        // power domain by name/id: none attached; pinctrl: nothing to do
        }
    }

    // io-channels, mboxes, pwms, nvmem-cells, syscon and plain phandles: registered provider or -EPROBE_DEFER
    private int PlanExtraRequest(Device dev, PlanStep step)
    {
        if (step.Resource is PlanResource.Other or null) { dev.PlanHadUnknown = true; return 0; }
        if (dev.Node is null) return -ENODEV;
        var entry = PlanResources.FindExtra(dev.Node, step, Index);
        if (entry is null) return step.Resource == PlanResource.Nvmem ? -ENOENT : -ENODEV;
        if (entry.Provider is null) return -EINVAL;
        // syscon_node_to_regmap: a "syscon" node gets its regmap on first use, without a driver; others have none (-EINVAL)
        if (step.Resource == PlanResource.Syscon) return entry.Provider.IsCompatible("syscon") ? 0 : -EINVAL;
        var p = Provider(entry.Provider, null);
        if (p.Registered) return 0;
        dev.WaitNote = $"{step.Resource.ToString()!.ToLowerInvariant()} {PlanResources.Describe(step)}: provider {p.Why}";
        return -EPROBE_DEFER;
    }
}
