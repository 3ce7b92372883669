using ProbeSim.Kernel.Boot;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Providers;

// the getters a probe calls: clk_get, reset/gpio, regulator_get, phy, platform_get_irq, dma_request_chan, genpd, pinctrl
internal sealed partial class ProviderCore
{
    // a generic driver asks for every resource its node names (docs/kernel/resource-providers.md)
    internal int RequestResources(Device dev)
    {
        var refs = ResourcesOf(dev.Node!);
        int pdCount = refs.Count(r => r.Kind == ResourceKind.PowerDomain);
        foreach (var r in refs)
        {
            // regulator_resolve_supply: a rail the device feeds from its own regulators (a PMIC's vccN-supply) is
            // resolved by its own subsystem after registration, never waited for in its probe
            if (r.Provider is { } own && IsAncestorOrSelf(dev.Node, own)) continue;
            int ret = r.Kind switch
            {
                ResourceKind.Clock => ClkGet(dev, r),
                ResourceKind.Reset => SimpleGet(dev, r, "failed to get reset control"),
                ResourceKind.Regulator => RegulatorGet(dev, r),
                ResourceKind.PowerDomain => pdCount > 1 ? GenpdAttach(dev, r) : 0,
                ResourceKind.Phy => PhyGet(dev, r),
                ResourceKind.Interrupt => PlatformGetIrq(dev, r),
                ResourceKind.Gpio => SimpleGet(dev, r, r.Name is null ? "failed to get gpios" : $"failed to get {r.Name} gpios"),
                ResourceKind.Dma => DmaRequestChan(dev, r),
                _ => 0,
            };
            if (ret != 0 && ret != -EPROBE_DEFER && dev.Driver!.Spec.OptionalProperties.Contains(r.Property)) ret = 0;
            if (ret != 0) return ret;
        }
        // iio_channel_get (of_iio_channel_get_by_name): no registered IIO device for the node -> -EPROBE_DEFER
        foreach (var e in OfPhandleArgs.Parse(dev.Node!, "io-channels", "#io-channel-cells", index: Index))
        {
            if (e.Provider is null) return DevErrProbe(dev, -EINVAL, "failed to get io-channel");
            var p = Lookup(e.Provider, null);
            if (p.Registered) continue;
            dev.SetWait(new ProviderWait($"io-channels[{e.Index}]", "provider", p.Reason));
            return DevErrProbe(dev, -EPROBE_DEFER, "failed to get io-channel");
        }
        return 0;
    }

    private string Describe(OfResourceRef r) => $"{r.Property}[{r.Index}]" + (r.Name is null ? "" : $" \"{r.Name}\"");

    // of_clk_get_hw_from_clkspec: -EPROBE_DEFER until a provider for the node registers (v6.15+: disabled node -> -ENOENT)
    private int ClkGet(Device dev, OfResourceRef r)
    {
        if (r.Provider is null) return DevErrProbe(dev, -EINVAL, "failed to get clock");
        var p = Lookup(r.Provider, EarlyTable.Clk);
        if (p.Registered) return 0;
        if (S.ClkDisabledEnoent && NodeOrAncestorDisabled(r.Provider))
            return DevErrProbe(dev, -ENOENT, "failed to get clock");
        dev.SetWait(new ProviderWait($"clock {Describe(r)}", "provider", p.Reason));
        return DevErrProbe(dev, -EPROBE_DEFER, "failed to get clock");
    }

    // reset_control_get, gpiod_get: no registered controller for the node -> -EPROBE_DEFER, with no give-up
    private int SimpleGet(Device dev, OfResourceRef r, string message)
    {
        if (r.Provider is null) return DevErrProbe(dev, -EINVAL, message);
        var p = Lookup(r.Provider, null, ProvidesFor(r.Kind));
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"{r.Kind.ToString().ToLowerInvariant()} {Describe(r)}", "provider", p.Reason));
        return DevErrProbe(dev, -EPROBE_DEFER, message);
    }

    // regulator_get: a phandle that resolves to no registered regulator defers; an unresolvable one falls back to the dummy
    private int RegulatorGet(Device dev, OfResourceRef r)
    {
        var id = r.Name ?? r.Property.Replace("-supply", "");
        if (r.Provider is null)
        {
            DevPrintk(LogLevel.Warning, dev, S.DummyRegulatorShort
                ? $"supply {id} not found, using dummy regulator"
                : $"{dev.Name} supply {id} not found, using dummy regulator");
            return 0;
        }
        var p = Lookup(r.Provider, null);
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"regulator {r.Property}", "provider", p.Reason));
        return DevErrProbe(dev, -EPROBE_DEFER, $"failed to get {id} supply");
    }

    // _of_phy_get: unparsable -> -ENODEV; provider not registered -> -EPROBE_DEFER; disabled PHY of a registered provider -> -ENODEV
    private int PhyGet(Device dev, OfResourceRef r)
    {
        if (r.Provider is null) return DevErrProbe(dev, -ENODEV, "failed to get phy");
        var p = Lookup(r.Provider, null);
        if (p.Registered)
        {
            if (!r.Provider.IsAvailable && p.Device is not null)
            {
                DevPrintk(LogLevel.Warning, p.Device, "Requested PHY is disabled");
                return DevErrProbe(dev, -ENODEV, "failed to get phy");
            }
            return 0;
        }
        dev.SetWait(new ProviderWait($"phy {Describe(r)}", "provider", p.Reason));
        return DevErrProbe(dev, -EPROBE_DEFER, "failed to get phy");
    }

    // platform_get_irq -> of_irq_get: no irq domain for the controller yet -> -EPROBE_DEFER
    private int PlatformGetIrq(Device dev, OfResourceRef r)
    {
        string msg = $"IRQ index {r.Index} not found";
        if (r.Provider is null)
        {
            DevPrintk(LogLevel.Err, dev, msg);
            return -ENXIO;
        }
        var p = Lookup(r.Provider, EarlyTable.Irqchip);
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"interrupt {r.Index}", "controller", p.Reason));
        if (S.IrqDeferReason) return DevErrProbe(dev, -EPROBE_DEFER, msg);
        return -EPROBE_DEFER;
    }

    // dma_request_chan -> of_dma_request_slave_channel: controller missing -> -EPROBE_DEFER; -ENODEV means PIO for a generic driver
    private int DmaRequestChan(Device dev, OfResourceRef r)
    {
        if (r.Provider is null) return 0;
        var p = Lookup(r.Provider, null);
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"dma {Describe(r)}", "controller", p.Reason));
        return DevErrProbe(dev, -EPROBE_DEFER, $"failed to request {r.Name ?? "dma"} DMA channel");
    }

    // dev_pm_domain_attach from platform_probe: only a device with exactly one power domain is attached by the bus
    internal int PmDomainAttach(Device dev)
    {
        if (dev.Node is null) return 0;
        OfResourceRef? only = null;
        int count = 0;
        foreach (var r in ResourcesOf(dev.Node))
            if (r.Kind == ResourceKind.PowerDomain) { only = r; count++; }
        if (count != 1) return 0;
        return GenpdAttach(dev, only!);
    }

    // __genpd_dev_pm_attach: provider missing -> -EPROBE_DEFER, or driver_deferred_probe_check_state (v4.19+)
    private int GenpdAttach(Device dev, OfResourceRef r)
    {
        if (r.Provider is null) return -ENOENT;
        var p = Lookup(r.Provider, null, EarlyProvides.PowerDomain);
        if (p.Registered) return 0;
        dev.SetWait(new ProviderWait($"power domain {Describe(r)}", "provider", p.Reason));
        Printk(LogLevel.Debug, $"{dev.DriverString} {dev.Name}: __genpd_dev_pm_attach() failed to find PM domain: -{EPROBE_DEFER}");
        return S.GenpdCheckState ? DriverDeferredProbeCheckState(dev) : -EPROBE_DEFER;
    }

    // pinctrl_bind_pins: every pinctrl-N state is parsed; a controller that never registers defers (or check_state)
    internal int PinctrlBindPins(Device dev)
    {
        if (dev.Node is null || !dev.Node.HasProperty("pinctrl-0")) return 0;
        foreach (var state in OfResources.PinctrlStates(dev.Node, Index))
        {
            if (state.Errors.Count > 0)
            {
                DevPrintk(LogLevel.Err, dev, state.Errors[0]);
                return -EINVAL;
            }
            foreach (var config in state.Configs)
            {
                // a pin controller's own hogs never defer
                if (IsAncestorOrSelf(dev.Node, config)) continue;
                var p = Lookup(config, null);
                if (p.Registered) continue;
                dev.SetWait(new ProviderWait($"pinctrl state \"{state.Name}\"", "pin controller", p.Reason));
                if (!S.PinctrlCheckState) return -EPROBE_DEFER;
                // dt_to_map_one_config: with modules (and no pinctrl-use-default) keep deferring whatever check_state says
                bool allowDefault = false;
                for (var a = config.Parent; a is not null; a = a.Parent) if (a.HasProperty("pinctrl-use-default")) allowDefault = true;
                int ret = DriverDeferredProbeCheckState(dev);
                if (ret == -EPROBE_DEFER || Modules && !allowDefault) return -EPROBE_DEFER;
                // pinctrl_bind_pins ignores other errors: the device probes without pin configuration
                return 0;
            }
        }
        // devm_pinctrl_get: the handle is a devres entry of the probe
        DevresAdd(dev, "pinctrl");
        return 0;
    }
}
