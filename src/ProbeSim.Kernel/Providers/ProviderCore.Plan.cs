using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Providers;

// a driver's probe plan: the getters it calls, in source order
internal sealed partial class ProviderCore
{
    // drv->probe of a driver with a probe plan: its requests in source order, each with the driver's own policy and text
    internal int RunPlan(Device dev, ProbePlan plan)
    {
        dev.PlanHadUnknown = false;
        int previous = 0; // what the request before gave, before its policy (a fallback runs only when it failed)
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
                    // made only when the device's registers say so: the model has no registers, the outcome rests on a guess
                    if (step.When == PlanStep.WhenHardware)
                    {
                        if (step.Policy != PlanPolicy.Optional) dev.PlanHadUnknown = true;
                        continue;
                    }
                    // x = a(); if (IS_ERR(x)) x = b();  b only when a failed
                    if (step.When == PlanStep.WhenFallback && previous == 0) continue;
                    int got = PlanRequest(dev, step, out bool namedNothing);
                    // nothing named is the getter's -ENOENT/-ENODEV, which a fallback after it sees
                    previous = namedNothing ? -ENODEV : got;
                    int ret = PolicyResult(step.Policy ?? PlanPolicy.Required, got);
                    if (ret == 0) continue;
                    return DriverSays(dev, ret, step.Message);
            }
        }
        return 0;
    }

    // the driver's own text on a failed step: dev_err_probe records it as the deferral reason (the only text the
    // kernel records); dev_err/dev_warn/pr_* print it whatever the error and record nothing; an importer's note is not
    // the kernel's and says nothing
    private int DriverSays(Device dev, int ret, PlanMessage? message)
    {
        switch (message?.Kind)
        {
            case PlanMessageKind.DevErrProbe:
                return DevErrProbe(dev, ret, message.Text, driverText: true);
            case PlanMessageKind.Error or PlanMessageKind.Warning or PlanMessageKind.Info or PlanMessageKind.Debug:
                // dev_err(dev, fmt, ...): printed as dev_printk prints it, at the call's level
                DevPrintk(message.Kind switch
                {
                    PlanMessageKind.Error => LogLevel.Err,
                    PlanMessageKind.Warning => LogLevel.Warning,
                    PlanMessageKind.Info => LogLevel.Info,
                    _ => LogLevel.Debug,
                }, dev, message.Text);
                return ret;
            default:
                return ret;
        }
    }

    // what the driver does with the getter's result: Optional ignores it, the *_optional getters let -EPROBE_DEFER through
    private static int PolicyResult(PlanPolicy policy, int ret) => policy switch
    {
        PlanPolicy.Optional => 0,
        PlanPolicy.OptionalDeferPropagates => ret == -EPROBE_DEFER ? ret : 0,
        _ => ret,
    };

    // an *_optional getter (or an unchecked one) treats an absent resource as none
    private static bool IsOptional(PlanStep step) => step.Policy is PlanPolicy.Optional or PlanPolicy.OptionalDeferPropagates;

    private int PlanRequest(Device dev, PlanStep step, out bool namedNothing)
    {
        namedNothing = false;
        // a by-name request whose names the importer could not read (a bulk get filled from variant data): the model asks
        // for the first entry, and the outcome rests on that guess
        if (step.Lookup == PlanLookup.Name && step.Name is null) dev.PlanHadUnknown = true;
        var kind = PlanResources.KindOf(step.Resource ?? PlanResource.Other);
        if (kind is null) return PlanExtraRequest(dev, step, out namedNothing);
        var refs = dev.Node is null ? Array.Empty<OfResourceRef>() : ResourcesOf(dev.Node);
        var chosen = PlanResources.Select(refs, kind.Value, step);
        if (chosen.Count == 0)
        {
            namedNothing = true;
            // nothing named: "every entry" of none, or an optional getter's NULL, is success whatever the variant
            if (step.Lookup == PlanLookup.All || IsOptional(step)) return 0;
            // plan steps carry no condition: a request the node does not name may be for another compatible, a chip
            // variant or a child node the probe loops over, so the model does not invent the subsystem's error for it;
            // it is skipped and the outcome rests on a guess
            dev.PlanHadUnknown = true;
            return 0;
        }
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

    // io-channels, mboxes, pwms, nvmem-cells, syscon and plain phandles: registered provider or -EPROBE_DEFER
    private int PlanExtraRequest(Device dev, PlanStep step, out bool namedNothing)
    {
        namedNothing = false;
        if (step.Resource is PlanResource.Other or null) { dev.PlanHadUnknown = true; return 0; }
        if (dev.Node is null) { dev.PlanHadUnknown = true; return 0; }
        var entry = PlanResources.FindExtra(dev.Node, step, Index);
        // syscon_node_to_regmap(parent), a phandle the node does not have: not an error the model can tell (see PlanRequest)
        if (entry is null)
        {
            namedNothing = true;
            if (!IsOptional(step)) dev.PlanHadUnknown = true;
            return 0;
        }
        if (entry.Provider is null) return -EINVAL;
        // syscon_node_to_regmap: a "syscon" node gets its regmap on first use, without a driver; others have none (-EINVAL)
        if (step.Resource == PlanResource.Syscon) return entry.Provider.IsCompatible("syscon") ? 0 : -EINVAL;
        var p = Lookup(entry.Provider, null);
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"{step.Resource.ToString()!.ToLowerInvariant()} {PlanResources.Describe(step)}", "provider", p.Reason));
        return -EPROBE_DEFER;
    }
}
