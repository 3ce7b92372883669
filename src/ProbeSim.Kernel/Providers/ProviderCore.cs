using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Providers;

/// <summary>
/// The resource-provider subsystems as a driver's probe sees them (clk, reset, regulator, gpio, phy, irq, dmaengine,
/// genpd, pinctrl, and the other phandle lookups a probe plan makes): whether a node's provider has registered, and the
/// getters a probe calls, each deferring the way its subsystem does (docs/kernel/resource-providers.md).
/// </summary>
/// <remarks>
/// A provider registers from its driver's probe or from an early OF table, so the registrations are read from the
/// driver core's bound devices and the OF core's early tables; the only state of its own is a plan request's quiet
/// section. The driver core calls the getters directly, as really_probe (pinctrl_bind_pins), platform_probe
/// (dev_pm_domain_attach) and a driver's probe do. The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the
/// log, the profile settings, CONFIG_MODULES, the device-tree index and the shared resource tables, the fwnodes, the early
/// OF tables, and the driver core's dev_err_probe, driver_deferred_probe_check_state and devres.
/// </remarks>
internal sealed partial class ProviderCore : Boot.KernelSubsystem
{
    // while a plan's request runs, the subsystem getters record no invented dev_err_probe text
    private bool _planQuiet;

    internal ProviderCore(Boot.Kernel kernel) : base(kernel) { }

    // --- the state digest

    internal static readonly DigestFields DigestFields = new(typeof(ProviderCore), [nameof(_planQuiet)],
        (nameof(_k), DigestFields.Wiring));

    /// <summary>A plan probe's quiet section.</summary>
    internal void Digest(ref StateDigest d) => d.Add(_planQuiet);

    // --- read-only views for the rest of the kernel

    /// <summary>Whether a plan's request is running: dev_err_probe then records only the driver's own text.</summary>
    internal bool PlanQuiet => _planQuiet;

    // --- the wiring, named as the moved rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private DeviceTreeIndex Index => _k.Index;
    private bool Modules => _k.Modules;
    private IReadOnlyList<OfResourceRef> ResourcesOf(DtNode node) => _k.ResourcesOf(node);
    private FwNode? FwIfAny(DtNode node) => _k.DriverCore.FwIfAny(node);
    private int DevErrProbe(Device dev, int err, string message, bool driverText = false) => _k.DriverCore.DevErrProbe(dev, err, message, driverText);
    private void SetDeferReason(Device dev, string message) => _k.DriverCore.SetDeferReason(dev, message);
    private int DriverDeferredProbeCheckState(Device dev) => _k.DriverCore.DriverDeferredProbeCheckState(dev);
    private void DevresAdd(Device dev, string resource) => _k.DriverCore.DevresAdd(dev, resource);
    private static bool IsAncestorOrSelf(DtNode? ancestor, DtNode node) => DriverModel.IsAncestorOrSelf(ancestor, node);
}
