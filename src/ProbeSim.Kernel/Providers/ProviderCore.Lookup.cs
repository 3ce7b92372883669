using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Providers;

// the lookup: whether a node's provider has registered, and why not
internal sealed partial class ProviderCore
{
    /// <summary>
    /// A provider registers from its driver's probe (so: its device is bound) or from an early OF table. Subsystem lookups
    /// search by node and accept a node below the provider device's own node (regulators of a PMIC, pin groups, GPIO banks).
    /// </summary>
    internal ProviderState Lookup(DtNode target, EarlyTable? earlyKind, EarlyProvides? provides = null)
    {
        // the early init's registration function (reset_controller_register, of_clk_add_provider, ...) registered it by node
        if ((provides ?? ProvidesFor(earlyKind)) is { } pk && _k.OfPlatform.EarlyProvider(target, pk) is { } byInit)
            return new ProviderState(true, null, new ProviderRegisteredEarly(byInit.InitFunction ?? OfPlatform.TableName(byInit.Table), byInit.Compatible));
        if (earlyKind is { } ek)
            for (var n = target; n is not null; n = ek == EarlyTable.Irqchip ? n.Parent : null)
                if (_k.OfPlatform.EarlyEntryOf(n) is { } e && (e.Table == ek || ek == EarlyTable.Clk && e.Table == EarlyTable.ClkDriver))
                    return new ProviderState(true, null, new ProviderRegisteredEarly(OfPlatform.TableName(e.Table), e.Compatible));
        // lookups are by node: a node with its own compatible must have its own device; a plain child node
        // (regulator of a PMIC, pin group, GPIO bank) is registered by the nearest ancestor device's driver
        for (var n = target; n is not null; n = n.Parent)
        {
            if (FwIfAny(n)?.Dev is { } dev)
            {
                // a bus bound by simple-pm-bus registers nothing for the nodes below it
                if (dev.Bound && !(n != target && DriverModel.IsSimplePmBus(dev.Driver)))
                    return new ProviderState(true, dev, new ProviderRegisteredBy(dev.Name, dev.Driver?.Name, ForSubnode: false));
                return new ProviderState(false, dev, new ProviderNotBound(dev.Name, UnboundReasonOf(dev)));
            }
            // a plain child's availability is the subsystem's business (phy: "Requested PHY is disabled")
            if (n.HasProperty("compatible"))
                return SubnodeProviderOf(n) is { } owner
                    ? new ProviderState(true, owner, new ProviderRegisteredBy(owner.Name, owner.Driver?.Name, ForSubnode: true))
                    : new ProviderState(false, null, new ProviderWithoutDevice(n.Path, _k.NoDeviceReasonOf(n)));
        }
        return new ProviderState(false, null, new ProviderWithoutDevice(target.Path, _k.NoDeviceReasonOf(target)));
    }

    private static EarlyProvides? ProvidesFor(EarlyTable? t) => t switch
    {
        EarlyTable.Clk => EarlyProvides.Clock,
        EarlyTable.Irqchip => EarlyProvides.Irq,
        _ => null,
    };

    /// <summary>The early-registration kind of a resource lookup.</summary>
    internal static EarlyProvides? ProvidesFor(ResourceKind k) => k switch
    {
        ResourceKind.Clock => EarlyProvides.Clock,
        ResourceKind.Reset => EarlyProvides.Reset,
        ResourceKind.Interrupt => EarlyProvides.Irq,
        ResourceKind.PowerDomain => EarlyProvides.PowerDomain,
        ResourceKind.Gpio => EarlyProvides.Gpio,
        ResourceKind.Pinctrl => EarlyProvides.Pinctrl,
        _ => null,
    };

    // rockchip_gpiolib_register (before v5.15): the pinctrl driver registers a gpio_chip per bank subnode, no bank device
    private Device? SubnodeProviderOf(DtNode node)
    {
        if (S.OfSubnodeProviders.Count == 0 || !node.IsAvailable) return null;
        for (var a = node.Parent; a is not null; a = a.Parent)
            if (FwIfAny(a)?.Dev is { } dev)
                return dev.Bound && S.OfSubnodeProviders.Any(p => CompatiblePattern.Matches(p, a)) ? dev : null;
        return null;
    }

    private ProviderUnbound UnboundReasonOf(Device dev)
    {
        if (dev.Deferred != DeferList.None || dev.LastProbeDeferred) return new ProviderUnbound.Deferred();
        if (dev.RejectedBy is { } rj) return new ProviderUnbound.RejectsMatch(rj.Driver, rj.Errno);
        if (dev.LastError is int e) return new ProviderUnbound.ProbeFailed(e);
        if (!dev.CanMatch) return _k.HasModuleFor(dev) ? new ProviderUnbound.ModuleNotLoaded() : new ProviderUnbound.NoDriver();
        return new ProviderUnbound.NotProbed();
    }

    internal static bool NodeOrAncestorDisabled(DtNode node)
    {
        for (var n = node; n is not null; n = n.Parent) if (!n.IsAvailable) return true;
        return false;
    }
}
