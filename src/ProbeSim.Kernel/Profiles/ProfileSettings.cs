namespace ProbeSim.Kernel.Profiles;

public enum ReallyProbeEra { V4_2, V4_12, V5_4, V5_19 }
public enum CheckStateEra { None, V4_19, V5_10 }
public enum FwDevlinkMode { None, Off, Permissive, On, Rpm }
public enum OfIommuEra { DeclareOps, Instances, DeclareTable, CheckState }
public enum IommuMapAliases { None, Last, All }
public enum IommuProbeEra { AddDevice, ProbeDevice, InitDevice }
public enum IommuRegisterEra { List, BusProbe, BusProbeConfigure }
public enum IommuAttachFailure { Ignore, FailAdd, Release, Warn }
public enum IommuDefaultLog { None, V5_10, V6_6 }
public enum IommuLazy { None, Attribute, DmaFq }
public enum GroupTypeSysfs { None, ReadOnly, SingleDevice, Ownership }
public enum Arm64Dma { None, NotifierAdd, NotifierBind, Direct, Core }
/// <summary>When __iommu_attach_group refuses a new domain with -EBUSY.</summary>
public enum AttachGroupBusy { DefaultDomain, CurrentDomain }
/// <summary>What arm-smmu-v3 does with a StreamID another master (or the master itself) already inserted.</summary>
public enum SmmuV3StreamIds { Shared, Unique, UniquePerMaster }
public enum Arm32Dma { Overwrite, Unguarded, GuardedKeepsPlain, GuardedClears }
public enum DmaTeardownSites { CreationOnly, AfterConfigure, EveryFailure }
public enum ArmSharedMappingAt { AddDevice, ProbeFinalize }

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
        DeferredTriggerCount = B("deferred_trigger_count");
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
        OfPopulatingDrivers = SwitchCatalog.Find("of_populating_drivers")!.SplitList(p["of_populating_drivers"]).Select(Of.OfPopulatingDriver.Parse).ToArray();
        OfSubnodeProviders = SwitchCatalog.Find("of_subnode_providers")!.SplitList(p["of_subnode_providers"]);
        PinctrlCheckState = p["pinctrl_absent"] == "check-state";
        GenpdCheckState = p["genpd_absent"] == "check-state";
        ClkDisabledEnoent = p["clk_disabled_provider"] == "enoent";
        DummyRegulatorShort = p["dummy_regulator_message"] == "short";
        IrqDeferReason = B("irq_defer_reason");
        SimplePmBusBindsBuses = B("simple_pm_bus");
        AmbaPeriphidAtMatch = B("amba_periphid_at_match");
        DmaAtProbe = p["dma_config_time"] == "probe";
        OfIommu = p["of_iommu"] switch { "declare-ops" => OfIommuEra.DeclareOps, "instances" => OfIommuEra.Instances, "declare-table" => OfIommuEra.DeclareTable, _ => OfIommuEra.CheckState };
        OfIommuDisabledCheck = B("of_iommu_disabled_check");
        IommuOfDeclare = SwitchCatalog.Find("iommu_of_declare")!.SplitList(p["iommu_of_declare"]);
        IommuMapAliases = p["iommu_map_aliases"] switch { "none" => IommuMapAliases.None, "last" => IommuMapAliases.Last, _ => IommuMapAliases.All };
        DmaNoncoherentProp = B("dma_noncoherent_prop");
        IommuProbe = p["iommu_probe"] switch { "add-device" => IommuProbeEra.AddDevice, "probe-device" => IommuProbeEra.ProbeDevice, _ => IommuProbeEra.InitDevice };
        IommuBusOps = p["iommu_bus_ops"] == "per-bus";
        IommuRegister = p["iommu_register"] switch { "list" => IommuRegisterEra.List, "bus-probe" => IommuRegisterEra.BusProbe, _ => IommuRegisterEra.BusProbeConfigure };
        DefaultDomainsPciOnly = p["default_domains"] == "pci-only";
        IommuGroupLogV5 = p["iommu_group_log"] == "v5";
        GrouplessAttachRefused = p["groupless_attach"] == "refuse";
        IommuPassthroughParam = B("iommu_passthrough_param");
        IommuAttachFailure = p["iommu_attach_failure"] switch { "ignore" => IommuAttachFailure.Ignore, "fail-add" => IommuAttachFailure.FailAdd, "release" => IommuAttachFailure.Release, _ => IommuAttachFailure.Warn };
        DefaultDomainFailureFailsProbe = p["default_domain_failure"] == "fail-probe";
        IommuDefaultLog = p["iommu_default_log"] switch { "none" => IommuDefaultLog.None, "v5.10" => IommuDefaultLog.V5_10, _ => IommuDefaultLog.V6_6 };
        IommuLazy = p["iommu_lazy"] switch { "none" => IommuLazy.None, "attribute" => IommuLazy.Attribute, _ => IommuLazy.DmaFq };
        IommuDefaultPassthrough = B("iommu_default_passthrough");
        DefDomainTypeOp = B("def_domain_type_op");
        DefDomainIdentityWins = p["def_domain_conflict"] == "identity-wins";
        SmmuDisableBypass = B("smmu_disable_bypass");
        AttachGroupBusy = p["attach_group_busy"] == "default-domain" ? AttachGroupBusy.DefaultDomain : AttachGroupBusy.CurrentDomain;
        SmmuV3StreamIds = p["smmu_v3_stream_ids"] switch { "shared" => SmmuV3StreamIds.Shared, "unique" => SmmuV3StreamIds.Unique, _ => SmmuV3StreamIds.UniquePerMaster };
        IommuStreamIdBits = I("iommu_stream_id_bits");
        GroupTypeSysfs = p["group_type_sysfs"] switch { "none" => GroupTypeSysfs.None, "read-only" => GroupTypeSysfs.ReadOnly, "single-device" => GroupTypeSysfs.SingleDevice, _ => GroupTypeSysfs.Ownership };
        DmaOwnership = B("dma_ownership");
        IommuClaimDevice = B("iommu_claim_device");
        VfioNotifierBug = p["vfio_isolation"] == "notifier";
        Arm64Dma = p["arm64_dma"] switch { "none" => Arm64Dma.None, "notifier-add" => Arm64Dma.NotifierAdd, "notifier-bind" => Arm64Dma.NotifierBind, "direct" => Arm64Dma.Direct, _ => Arm64Dma.Core };
        Arm64DefaultOpsDirect = p["arm64_default_ops"] == "direct";
        Arm32Dma = p["arm32_dma"] switch { "overwrite" => Arm32Dma.Overwrite, "unguarded" => Arm32Dma.Unguarded, "guarded-keeps-plain" => Arm32Dma.GuardedKeepsPlain, _ => Arm32Dma.GuardedClears };
        ArmSharedMappingAt = p["arm_shared_mapping_at"] == "probe-finalize" ? ArmSharedMappingAt.ProbeFinalize : ArmSharedMappingAt.AddDevice;
        ProbeResultLogEveryFailure = p["probe_result_log"] == "every-failure";
        DmaTeardown = p["dma_teardown"] switch { "creation-only" => DmaTeardownSites.CreationOnly, "after-configure" => DmaTeardownSites.AfterConfigure, _ => DmaTeardownSites.EveryFailure };
        IovaMagazine = I("iova_magazine") ?? 128;
        IovaStickyDac = B("iova_sticky_dac");
    }

    public bool DeviceLinks { get; }
    public bool NotBoundEvent { get; }
    public ReallyProbeEra ReallyProbe { get; }
    public bool LinkDeferAddsPending { get; }
    public bool ProbeReturnsErrno { get; }
    public bool DeferredTriggerCount { get; }
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
    public IReadOnlyList<Of.OfPopulatingDriver> OfPopulatingDrivers { get; }
    public IReadOnlyList<string> OfSubnodeProviders { get; }
    public bool PinctrlCheckState { get; }
    public bool GenpdCheckState { get; }
    public bool ClkDisabledEnoent { get; }
    public bool DummyRegulatorShort { get; }
    public bool IrqDeferReason { get; }
    public bool SimplePmBusBindsBuses { get; }
    public bool AmbaPeriphidAtMatch { get; }
    public bool DmaAtProbe { get; }
    public OfIommuEra OfIommu { get; }
    public bool OfIommuDisabledCheck { get; }
    /// <summary>Compatible patterns of the IOMMU_OF_DECLARE table (__iommu_of_table) of a built-in kernel.</summary>
    public IReadOnlyList<string> IommuOfDeclare { get; }
    public IommuMapAliases IommuMapAliases { get; }
    public bool DmaNoncoherentProp { get; }
    public IommuProbeEra IommuProbe { get; }
    /// <summary>IOMMU ops hang off the bus (bus_set_iommu), not the device.</summary>
    public bool IommuBusOps { get; }
    public IommuRegisterEra IommuRegister { get; }
    public bool DefaultDomainsPciOnly { get; }
    public bool IommuGroupLogV5 { get; }
    /// <summary>iommu_attach_device refuses a device with no group (-ENODEV) instead of attaching it directly.</summary>
    public bool GrouplessAttachRefused { get; }
    public IommuAttachFailure IommuAttachFailure { get; }
    public bool IommuPassthroughParam { get; }
    public bool DefaultDomainFailureFailsProbe { get; }
    public IommuDefaultLog IommuDefaultLog { get; }
    public IommuLazy IommuLazy { get; }
    public bool IommuDefaultPassthrough { get; }
    public bool DefDomainTypeOp { get; }
    public bool DefDomainIdentityWins { get; }
    public bool SmmuDisableBypass { get; }
    public AttachGroupBusy AttachGroupBusy { get; }
    public SmmuV3StreamIds SmmuV3StreamIds { get; }
    /// <summary>StreamID width of an SMMU whose scenario gives none; null = unlimited.</summary>
    public int? IommuStreamIdBits { get; }
    public GroupTypeSysfs GroupTypeSysfs { get; }
    public bool DmaOwnership { get; }
    public bool IommuClaimDevice { get; }
    public bool VfioNotifierBug { get; }
    public Arm64Dma Arm64Dma { get; }
    public bool Arm64DefaultOpsDirect { get; }
    public Arm32Dma Arm32Dma { get; }
    public DmaTeardownSites DmaTeardown { get; }
    public ArmSharedMappingAt ArmSharedMappingAt { get; }
    /// <summary>probe_result_log every-failure: really_probe's closing switch logs pinctrl and dma_configure failures too.</summary>
    public bool ProbeResultLogEveryFailure { get; }
    public int IovaMagazine { get; }
    public bool IovaStickyDac { get; }
}
