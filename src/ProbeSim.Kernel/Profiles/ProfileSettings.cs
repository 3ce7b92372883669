namespace ProbeSim.Kernel.Profiles;

public enum ReallyProbeEra { V4_2, V4_12, V5_4, V5_19 }
public enum CheckStateEra { None, V4_19, V5_10 }
public enum FwDevlinkMode { None, Off, Permissive, On, Rpm }

/// <summary>The switches of a profile as typed fields, read once (the simulation reads them on every probe).</summary>
public sealed class ProfileSettings
{
    internal ProfileSettings(KernelProfile p)
    {
        bool B(string n) => p[n] == "true";
        int? I(string n) => p[n] == "none" ? null : int.Parse(p[n], System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlySet<string> L(string n) => new HashSet<string>(SwitchCatalog.Find(n)!.SplitList(p[n]), StringComparer.Ordinal);

        DeviceLinks = B("device_links");
        NotBoundEvent = B("not_bound_event");
        ReallyProbe = p["really_probe_unwind"] switch { "v4.2" => ReallyProbeEra.V4_2, "v4.12" => ReallyProbeEra.V4_12, "v5.4" => ReallyProbeEra.V5_4, _ => ReallyProbeEra.V5_19 };
        LinkDeferAddsPending = B("link_defer_adds_pending");
        ProbeReturnsErrno = p["probe_return"] == "errno";
        MatchDeferStops = p["match_defer"] == "stop";
        DeferNeedsCanMatch = B("defer_needs_can_match");
        DevProbeFailureMessage = p["probe_failure_message"] == "dev";
        CheckState = p["check_state"] switch { "v4.19" => CheckStateEra.V4_19, "v5.10" => CheckStateEra.V5_10, _ => CheckStateEra.None };
        DeferredProbeTimeout = I("deferred_probe_timeout");
        DeferredProbeTimeoutNoModules = I("deferred_probe_timeout_nomodules");
        LateSecondPass = B("late_second_pass");
        DevicesDeferredFile = B("devices_deferred_file");
        DeferReasons = B("defer_reasons");
        LinkCheckReason = p["link_check_reason"];
        TimeoutExtension = B("timeout_extension");
        TimeoutDriversDone = B("timeout_drivers_done");
        PendingMessageWithReason = p["pending_message"] == "with-reason";
        FwDevlink = p["fw_devlink"] switch { "off" => FwDevlinkMode.Off, "permissive" => FwDevlinkMode.Permissive, "on" => FwDevlinkMode.On, "rpm" => FwDevlinkMode.Rpm, _ => FwDevlinkMode.None };
        FwDevlinkBindings = L("fw_devlink_bindings");
        FwDevlinkOptional = L("fw_devlink_optional");
        FwDevlinkStrictParam = B("fw_devlink_strict_param");
        FwDevlinkSupplierIsNode = p["fw_devlink_supplier"] == "node";
        FwDevlinkCycleFixup = p["fw_devlink_cycles"] == "fixup";
        DevlinkBusPrefixed = p["devlink_names"] == "bus-prefixed";
        ChosenFramebuffer = B("chosen_framebuffer");
        ReservedMemoryDevices = SwitchCatalog.Find("reserved_memory_devices")!.SplitList(p["reserved_memory_devices"]);
        PinctrlCheckState = p["pinctrl_absent"] == "check-state";
        GenpdCheckState = p["genpd_absent"] == "check-state";
        ClkDisabledEnoent = p["clk_disabled_provider"] == "enoent";
        DummyRegulatorShort = p["dummy_regulator_message"] == "short";
        IrqDeferReason = B("irq_defer_reason");
        SimplePmBusBindsBuses = B("simple_pm_bus");
        AmbaPeriphidAtMatch = B("amba_periphid_at_match");
    }

    public bool DeviceLinks { get; }
    public bool NotBoundEvent { get; }
    public ReallyProbeEra ReallyProbe { get; }
    public bool LinkDeferAddsPending { get; }
    public bool ProbeReturnsErrno { get; }
    public bool MatchDeferStops { get; }
    public bool DeferNeedsCanMatch { get; }
    public bool DevProbeFailureMessage { get; }
    public CheckStateEra CheckState { get; }
    public int? DeferredProbeTimeout { get; }
    public int? DeferredProbeTimeoutNoModules { get; }
    public bool LateSecondPass { get; }
    public bool DevicesDeferredFile { get; }
    public bool DeferReasons { get; }
    public string LinkCheckReason { get; }
    public bool TimeoutExtension { get; }
    public bool TimeoutDriversDone { get; }
    public bool PendingMessageWithReason { get; }
    public FwDevlinkMode FwDevlink { get; }
    public IReadOnlySet<string> FwDevlinkBindings { get; }
    public IReadOnlySet<string> FwDevlinkOptional { get; }
    public bool FwDevlinkStrictParam { get; }
    public bool FwDevlinkSupplierIsNode { get; }
    public bool FwDevlinkCycleFixup { get; }
    public bool DevlinkBusPrefixed { get; }
    public bool ChosenFramebuffer { get; }
    public IReadOnlyList<string> ReservedMemoryDevices { get; }
    public bool PinctrlCheckState { get; }
    public bool GenpdCheckState { get; }
    public bool ClkDisabledEnoent { get; }
    public bool DummyRegulatorShort { get; }
    public bool IrqDeferReason { get; }
    public bool SimplePmBusBindsBuses { get; }
    public bool AmbaPeriphidAtMatch { get; }
}
