namespace ProbeSim.Kernel.Profiles;

/// <summary>
/// Every behaviour switch a profile sets (docs/profiles.md explains each one and its history). Each switch is
/// declared here once: its name, description, the kernel source it mirrors and, for a choice, every word paired with
/// the typed value it decodes to. <see cref="All"/> lists them for the docs, --set and the CLI; ProfileSettings reads
/// each one through its declaration, so a word exists in C# only here.
/// </summary>
/// <remarks>
/// A field named like its enum (Arm64Dma, ...) hides the enum inside this class, so those enum members are written
/// Profiles.Arm64Dma.None.
/// </remarks>
public static class SwitchCatalog
{
    static readonly string[] Bindings =
    {
        "clocks", "interconnects", "iommus", "iommu-map", "mboxes", "io-channel", "io-channels", "io-backends",
        "interrupt-parent", "dmas", "power-domains", "hwlocks", "extcon", "nvmem-cells", "phys", "wakeup-parent",
        "pinctrl", "pwms", "resets", "leds", "backlight", "panel", "msi-parent", "pses", "power-supplies",
        "access-controllers", "post-init-providers", "interrupt-map", "supply", "gpio-suffix", "gpio-legacy",
        "interrupts", "interrupts-extended", "remote-endpoint-compat", "remote-endpoint-port-parent",
    };

    // --- driver core: really_probe and its callers
    public static readonly BoolSwitch DeviceLinks = new("device_links",
        "Device links exist and really_probe checks suppliers first",
        "device_links_check_suppliers (v4.10)");
    public static readonly BoolSwitch NotBoundEvent = new("not_bound_event",
        "BUS_NOTIFY_DRIVER_NOT_BOUND is sent when a probe fails after BIND_DRIVER",
        "really_probe probe_failed (14b6257a5f3d, ~v4.5)");
    public static readonly ChoiceSwitch<ReallyProbeEra> ReallyProbeUnwind = new("really_probe_unwind",
        "Order of really_probe and its failure unwind: v4.2 (no DMA step), v4.12 (dma_configure before sysfs, NOT_BOUND on its failure, teardown before devres), v5.4 (teardown after devres release), v5.19 (dma_configure failure sends no notifier)",
        "really_probe",
        ("v4.2", ReallyProbeEra.V4_2), ("v4.12", ReallyProbeEra.V4_12), ("v5.4", ReallyProbeEra.V5_4), ("v5.19", ReallyProbeEra.V5_19));
    public static readonly ChoiceSwitch<bool> ProbeResultLog = new("probe_result_log",
        "Which failures the probe-result switch logs (\"requests probe deferral\", \"rejects match\", \"failed with error\"): every-failure (the switch ends really_probe, so pinctrl and dma_configure failures are logged too) or driver-probe (call_driver_probe: only the driver's probe)",
        "really_probe / call_driver_probe",
        ("every-failure", true), ("driver-probe", false));
    public static readonly BoolSwitch LinkDeferAddsPending = new("link_defer_adds_pending",
        "A supplier-link refusal puts the device on the deferred pending list",
        "really_probe: driver_deferred_probe_add_trigger after device_links_check_suppliers (v5.4)");
    public static readonly ChoiceSwitch<bool> ProbeReturn = new("probe_return",
        "How a failed driver probe is returned to the device walk: zero (really_probe returns 0, walk continues) or errno (negated errno, <0 core errors stop the walk)",
        "really_probe / __device_attach_driver",
        ("zero", false), ("errno", true));
    public static readonly ChoiceSwitch<bool> MatchDefer = new("match_defer",
        "A bus match returning -EPROBE_DEFER: probe-anyway (device added to pending, then probed as if matched) or stop (device walk stops)",
        "__device_attach_driver",
        ("probe-anyway", false), ("stop", true));
    public static readonly BoolSwitch DeferNeedsCanMatch = new("defer_needs_can_match",
        "driver_deferred_probe_add only adds devices that matched a driver (can_match)",
        "driver_deferred_probe_add (v5.19)");
    public static readonly ChoiceSwitch<bool> ProbeFailureMessage = new("probe_failure_message",
        "Wording of a failed probe: legacy \"<drv>: probe of <dev> failed with error <n>\" (warning) or dev \"probe with driver <drv> failed with error <n>\" (error)",
        "call_driver_probe",
        ("legacy", false), ("dev", true));
    // --- deferred probe
    public static readonly BoolSwitch DeferredTriggerCount = new("deferred_trigger_count",
        "A probe that defers while a trigger ran re-triggers (deferred_trigger_count, v3.15); false reopens the lost-trigger window",
        "driver_deferred_probe_add_trigger");
    public static readonly ChoiceSwitch<CheckStateEra> CheckState = new("check_state",
        "driver_deferred_probe_check_state: none (absent), v4.19 (defer until initcalls done, then -ENODEV or -ETIMEDOUT), v5.10 (modules-aware)",
        "driver_deferred_probe_check_state",
        ("none", CheckStateEra.None), ("v4.19", CheckStateEra.V4_19), ("v5.10", CheckStateEra.V5_10));
    public static readonly IntSwitch DeferredProbeTimeout = new("deferred_probe_timeout",
        "Default deferred_probe_timeout in seconds with CONFIG_MODULES (-1 never, none = no such parameter)",
        "deferred_probe_timeout / driver_deferred_probe_timeout");
    public static readonly IntSwitch DeferredProbeTimeoutNomodules = new("deferred_probe_timeout_nomodules",
        "Default deferred_probe_timeout without CONFIG_MODULES",
        "deferred_probe_timeout");
    public static readonly BoolSwitch LateSecondPass = new("late_second_pass",
        "deferred_probe_initcall sets initcalls_done and runs a second trigger+flush pass",
        "deferred_probe_initcall (25b4e70dcce9, v4.19)");
    public static readonly BoolSwitch DevicesDeferredFile = new("devices_deferred_file",
        "debugfs devices_deferred exists",
        "deferred_devs_show (v4.19)");
    public static readonly BoolSwitch DeferReasons = new("defer_reasons",
        "dev_err_probe records deferral reasons shown in devices_deferred",
        "dev_err_probe / device_set_deferred_probe_reason (~v5.9)");
    public static readonly ChoiceSwitch<LinkCheckReason> LinkCheckReason = new("link_check_reason",
        "Reason recorded for a supplier-link refusal: none, node-name (%pfwP) or full-path (%pfwf)",
        "device_links_check_suppliers / fwnode_links_check_suppliers",
        ("none", Profiles.LinkCheckReason.None), ("node-name", Profiles.LinkCheckReason.NodeName), ("full-path", Profiles.LinkCheckReason.FullPath));
    public static readonly BoolSwitch TimeoutExtension = new("timeout_extension",
        "Each driver_register restarts a still-pending timeout work",
        "deferred_probe_extend_timeout (v5.19)");
    public static readonly BoolSwitch TimeoutDriversDone = new("timeout_drivers_done",
        "The timeout work first relaxes fw_devlink links to suppliers that never matched a driver",
        "deferred_probe_timeout_work_func: fw_devlink_drivers_done (v5.19)");
    public static readonly ChoiceSwitch<bool> PendingMessage = new("pending_message",
        "Timeout message for still-pending devices: plain (info \"deferred probe pending\") or with-reason (warning \"deferred probe pending: <reason>\")",
        "deferred_probe_timeout_work_func",
        ("plain", false), ("with-reason", true));
    // --- fw_devlink
    public static readonly ChoiceSwitch<FwDevlinkMode> FwDevlink = new("fw_devlink",
        "Default fw_devlink mode (none = the kernel has no fw_devlink)",
        "fw_devlink_flags / fw_devlink=",
        ("none", FwDevlinkMode.None), ("off", FwDevlinkMode.Off), ("permissive", FwDevlinkMode.Permissive), ("on", FwDevlinkMode.On), ("rpm", FwDevlinkMode.Rpm));
    public static readonly ListSwitch FwDevlinkBindings = new("fw_devlink_bindings",
        "DT properties of_fwnode_add_links parses for suppliers",
        "of_supplier_bindings", Bindings);
    public static readonly ListSwitch FwDevlinkOptional = new("fw_devlink_optional",
        "Bindings skipped unless fw_devlink.strict=1",
        "supplier_bindings .optional", Bindings);
    public static readonly BoolSwitch FwDevlinkStrictParam = new("fw_devlink_strict_param",
        "The fw_devlink.strict= parameter exists",
        "fw_devlink_strict_setup (~v5.13)");
    public static readonly ChoiceSwitch<bool> FwDevlinkSupplier = new("fw_devlink_supplier",
        "Which node a fwnode link points at: compat-ancestor (nearest ancestor with compatible) or node (the phandle target, NOT_DEVICE children move to their parent device)",
        "of_link_to_phandle / __fw_devlink_pickup_dangling_consumers (v6.3)",
        ("compat-ancestor", false), ("node", true));
    public static readonly ChoiceSwitch<bool> FwDevlinkCycles = new("fw_devlink_cycles",
        "Dependency cycles: refuse (the closing link is made sync-state-only, \"Fixing up cyclic dependency\") or fixup (cycle flagged, \"Fixed dependency cycle(s)\")",
        "fw_devlink_create_devlink / __fw_devlink_relax_cycles (v6.3)",
        ("refuse", false), ("fixup", true));
    public static readonly ChoiceSwitch<bool> DevlinkNames = new("devlink_names",
        "Device link names in /sys/class/devlink: plain <sup>--<con> or bus-prefixed <bus>:<sup>--<bus>:<con>",
        "device_link_add dev_set_name",
        ("plain", false), ("bus-prefixed", true));
    public static readonly BoolSwitch SimplePmBus = new("simple_pm_bus",
        "The simple-pm-bus driver also binds simple-bus, simple-mfd, isa and arm,amba-bus nodes (ONLY_BUS) when the driver set has no driver for them",
        "simple_pm_bus_of_match (v5.16)");
    public static readonly BoolSwitch AmbaPeriphidAtMatch = new("amba_periphid_at_match",
        "AMBA devices without arm,primecell-periphid read their id at match time (apb_pclk on); any failure makes the match return -EPROBE_DEFER",
        "amba_match / amba_read_periphid (v6.0)");
    // --- OF population
    public static readonly BoolSwitch ChosenFramebuffer = new("chosen_framebuffer",
        "of_platform_default_populate_init creates the simple-framebuffer child of /chosen",
        "of_platform_default_populate_init (~v6.0)");
    public static readonly ListSwitch OfPopulatingDrivers = new("of_populating_drivers",
        "Drivers whose probe calls of_platform_populate on their own node (its children with a compatible become platform devices), by a compatible of the node; * matches any run of characters",
        "of_platform_populate / devm_of_platform_populate in a driver's probe");
    public static readonly ListSwitch OfSubnodeProviders = new("of_subnode_providers",
        "Drivers that register providers (gpio chips, ...) for their subnodes with a compatible themselves, without a device per subnode, by a compatible of their node",
        "rockchip_gpiolib_register (pinctrl-rockchip before v5.15)");
    public static readonly ListSwitch ReservedMemoryDevices = new("reserved_memory_devices",
        "/reserved-memory children with these compatibles become platform devices",
        "of_platform_default_populate_init reserved_mem_matches");
    // --- resource providers
    public static readonly ChoiceSwitch<bool> PinctrlAbsent = new("pinctrl_absent",
        "A pinctrl state whose controller never registers: defer forever, or check-state (v4.19+, keeps deferring with modules)",
        "dt_to_map_one_config",
        ("defer", false), ("check-state", true));
    public static readonly ChoiceSwitch<bool> GenpdAbsent = new("genpd_absent",
        "A power-domains provider that never registers: defer forever or check-state",
        "__genpd_dev_pm_attach",
        ("defer", false), ("check-state", true));
    public static readonly ChoiceSwitch<bool> ClkDisabledProvider = new("clk_disabled_provider",
        "A clock whose provider node is disabled: defer forever or -ENOENT",
        "of_clk_get_hw_from_clkspec (~v6.15)",
        ("defer", false), ("enoent", true));
    public static readonly ChoiceSwitch<bool> DummyRegulatorMessage = new("dummy_regulator_message",
        "Dummy regulator warning: repeat-name (\"<dev> supply <id> not found\") or short (\"supply <id> not found\")",
        "_regulator_get",
        ("repeat-name", false), ("short", true));
    public static readonly BoolSwitch IrqDeferReason = new("irq_defer_reason",
        "platform_get_irq reports failures through dev_err_probe (\"IRQ index <n> not found\")",
        "platform_get_irq");
    // --- DMA configuration (drivers/of/device.c, drivers/iommu/of_iommu.c)
    public static readonly ChoiceSwitch<bool> DmaConfigTime = new("dma_config_time",
        "When of_dma_configure runs: creation (of_platform_device_create, once) or probe (really_probe -> bus->dma_configure, every attempt)",
        "of_dma_configure (09515ef5ddad, v4.12)",
        ("creation", false), ("probe", true));
    public static readonly ChoiceSwitch<OfIommuEra> OfIommu = new("of_iommu",
        "How of_iommu_configure finds an IOMMU that has not registered: declare-ops (ops set by IOMMU_OF_DECLARE hooks, else none), instances (iommu_ops_from_fwnode, else none), declare-table (defer while booting if the compatible has a built-in declare entry), check-state (driver_deferred_probe_check_state)",
        "of_iommu_xlate / of_iommu_driver_present",
        ("declare-ops", OfIommuEra.DeclareOps), ("instances", OfIommuEra.Instances), ("declare-table", OfIommuEra.DeclareTable), ("check-state", OfIommuEra.CheckState));
    public static readonly ListSwitch IommuOfDeclare = new("iommu_of_declare",
        "IOMMU compatibles with a built-in IOMMU_OF_DECLARE entry in __iommu_of_table: of_iommu_init runs their hook before population (declare-ops, instances) and of_iommu_driver_present defers their masters while booting (declare-table); * matches any run of characters; empty once the table is gone (v4.18)",
        "IOMMU_OF_DECLARE / of_iommu_init / of_iommu_driver_present");
    public static readonly BoolSwitch OfIommuDisabledCheck = new("of_iommu_disabled_check",
        "An IOMMU node that is not available means no IOMMU (false: v4.12-rc1 defers on it)",
        "of_iommu_xlate: of_device_is_available (v4.12)");
    public static readonly ChoiceSwitch<IommuMapAliases> IommuMapAliases = new("iommu_map_aliases",
        "Which PCI DMA aliases of_iommu_configure maps through iommu-map: none (PCI unsupported), last (only the last alias reached), all (one fwspec ID per alias)",
        "of_pci_iommu_init / of_iommu_configure_dev_id",
        ("none", Profiles.IommuMapAliases.None), ("last", Profiles.IommuMapAliases.Last), ("all", Profiles.IommuMapAliases.All));
    public static readonly BoolSwitch DmaNoncoherentProp = new("dma_noncoherent_prop",
        "dma-noncoherent is honoured when looking up coherency",
        "of_dma_is_coherent (v6.1)");
    // --- IOMMU core (drivers/iommu/iommu.c)
    public static readonly ChoiceSwitch<IommuProbeEra> IommuProbe = new("iommu_probe",
        "How a client device joins the IOMMU: add-device (driver ops->add_device does it all), probe-device (core probe_device + group + default domain, v5.8), init-device (iommu_init_device, iommu_setup_default_domain, v6.5)",
        "iommu_probe_device / __iommu_probe_device",
        ("add-device", IommuProbeEra.AddDevice), ("probe-device", IommuProbeEra.ProbeDevice), ("init-device", IommuProbeEra.InitDevice));
    public static readonly ChoiceSwitch<bool> IommuBusOps = new("iommu_bus_ops",
        "IOMMU ops per bus (bus_set_iommu; a second driver's call fails with -EBUSY) or per device (from the fwspec, v6.8)",
        "bus_set_iommu / iommu: Retire bus ops (17de3f5fdd35)",
        ("per-bus", true), ("per-device", false));
    public static readonly ChoiceSwitch<IommuRegisterEra> IommuRegister = new("iommu_register",
        "What iommu_device_register does: list (append only), bus-probe (set bus ops, -EBUSY for a second driver while ops are per bus, bus_iommu_probe, v6.2), bus-probe-configure (also runs dma_configure for unconfigured devices, v6.15)",
        "iommu_device_register",
        ("list", IommuRegisterEra.List), ("bus-probe", IommuRegisterEra.BusProbe), ("bus-probe-configure", IommuRegisterEra.BusProbeConfigure));
    public static readonly ChoiceSwitch<bool> DefaultDomains = new("default_domains",
        "Which groups get a default domain: pci-only (v4.2) or all",
        "iommu_group_get_for_dev (v4.4)",
        ("pci-only", true), ("all", false));
    public static readonly ChoiceSwitch<bool> GrouplessAttach = new("groupless_attach",
        "iommu_attach_device on a device with no IOMMU group: direct (v4.x attaches the device itself) or refuse (-ENODEV)",
        "iommu_attach_device",
        ("direct", false), ("refuse", true));
    public static readonly ChoiceSwitch<bool> IommuGroupLog = new("iommu_group_log",
        "Wording only: group join/leave lines v4 (\"iommu: Adding device <dev> to group <n>\", and arm-smmu's cross-SMMU attach error) or v5 (\"<drv> <dev>: Adding to iommu group <n>\")",
        "iommu_group_add_device / iommu_group_remove_device",
        ("v4", false), ("v5", true));
    public static readonly ChoiceSwitch<IommuAttachFailure> IommuAttachFailure = new("iommu_attach_failure",
        "A default-domain attach that fails (e.g. -ENOSPC, no context bank): ignore (v4.2-v4.4: the device joins anyway), fail-add (\"Failed to add device ... to group\", group freed), release (Adding, then Removing, probe fails), warn (Adding, kernel WARNING, group freed, no Removing line)",
        "iommu_group_add_device / iommu_probe_device / iommu_setup_default_domain",
        ("ignore", Profiles.IommuAttachFailure.Ignore), ("fail-add", Profiles.IommuAttachFailure.FailAdd), ("release", Profiles.IommuAttachFailure.Release), ("warn", Profiles.IommuAttachFailure.Warn));
    public static readonly BoolSwitch IommuPassthroughParam = new("iommu_passthrough_param",
        "The iommu.passthrough= parameter exists",
        "iommu_set_def_domain_type (v4.12)");
    public static readonly ChoiceSwitch<bool> DefaultDomainFailure = new("default_domain_failure",
        "A group whose default domain cannot be allocated: tolerate (device stays grouped without one) or fail-probe (the device's IOMMU probe fails)",
        "iommu_setup_default_domain (all drivers have default domains)",
        ("tolerate", false), ("fail-probe", true));
    public static readonly ChoiceSwitch<IommuDefaultLog> IommuDefaultLog = new("iommu_default_log",
        "Boot lines naming the default domain type: none, v5.10 (\"Default domain type: Translated \" with the space), v6.6 (no trailing space)",
        "iommu_subsys_init",
        ("none", Profiles.IommuDefaultLog.None), ("v5.10", Profiles.IommuDefaultLog.V5_10), ("v6.6", Profiles.IommuDefaultLog.V6_6));
    public static readonly ChoiceSwitch<IommuLazy> IommuLazy = new("iommu_lazy",
        "What iommu.strict=0 does: none (no parameter), attribute (flush-queue attribute on DMA domains), dma-fq (DMA_FQ domain type and the TLB invalidation policy line)",
        "iommu_setup_dma_strict / IOMMU_DOMAIN_DMA_FQ (bf3aed4660c6, v5.15)",
        ("none", Profiles.IommuLazy.None), ("attribute", Profiles.IommuLazy.Attribute), ("dma-fq", Profiles.IommuLazy.DmaFq));
    public static readonly BoolSwitch IommuDefaultPassthrough = new("iommu_default_passthrough",
        "Build default is passthrough (CONFIG_IOMMU_DEFAULT_PASSTHROUGH)",
        "iommu_def_domain_type");
    public static readonly BoolSwitch DmarSatc = new("dmar_satc",
        "The VT-d driver parses DMAR SATC structures and reports when there are none (\"DMAR: No SATC found\")",
        "dmar_parse_one_satc / intel_iommu_init (VT-d 3.2 SATC; absent in v5.10, present by v5.19)");
    public static readonly BoolSwitch DefDomainTypeOp = new("def_domain_type_op",
        "IOMMU drivers can ask a per-device default domain type",
        "iommu_ops.def_domain_type (v5.8)");
    public static readonly ChoiceSwitch<bool> DefDomainConflict = new("def_domain_conflict",
        "Conflicting per-device types in one group: default (warn, use the global default) or identity-wins (driver error message, IDENTITY)",
        "iommu_get_default_domain_type",
        ("default", false), ("identity-wins", true));
    public static readonly ChoiceSwitch<AttachGroupBusy> AttachGroupBusy = new("attach_group_busy",
        "When iommu_attach_group/device refuses a new domain with -EBUSY: default-domain (only a group with a default domain that is off it; arm32 groups have none) or current-domain (any current domain but the default or blocking one)",
        "__iommu_attach_group (v5.19 rework)",
        ("default-domain", Profiles.AttachGroupBusy.DefaultDomain), ("current-domain", Profiles.AttachGroupBusy.CurrentDomain));
    public static readonly ChoiceSwitch<SmmuV3StreamIds> SmmuV3StreamIds = new("smmu_v3_stream_ids",
        "arm-smmu-v3 probe_device and a StreamID already in use: shared (no StreamID tree; masters with the same ID share its STE and pci_device_group's group), unique (the SID tree refuses any ID already in it, the master's own DMA alias included: -EINVAL, \"stream %u already in tree\"), unique-per-master (its own duplicate is skipped; another master's ID is refused: \"stream %u already in tree from dev %s\")",
        "arm_smmu_insert_master (cdf315f907d4 v5.13; b00d24997a11 v6.15 and stable)",
        ("shared", Profiles.SmmuV3StreamIds.Shared), ("unique", Profiles.SmmuV3StreamIds.Unique), ("unique-per-master", Profiles.SmmuV3StreamIds.UniquePerMaster));
    public static readonly IntSwitch IommuStreamIdBits = new("iommu_stream_id_bits",
        "Machine data, not kernel history: StreamID width of an SMMU whose scenario gives none (SMMU_IDR1.SIDSIZE, SMMU_IDR0.NUMSIDB); none = unlimited",
        "arm_smmu_sid_in_range / arm_smmu_probe_device streamid_mask");
    public static readonly BoolSwitch SmmuDisableBypass = new("smmu_disable_bypass",
        "arm-smmu: a stream with no stream-map entry aborts (Blocked unknown Stream ID) instead of bypassing",
        "arm-smmu disable_bypass (ARM_SMMU_DISABLE_BYPASS_BY_DEFAULT)");
    public static readonly ChoiceSwitch<GroupTypeSysfs> GroupTypeSysfs = new("group_type_sysfs",
        "/sys/kernel/iommu_groups/N/type: none, read-only, single-device (writable for one unbound device, -EBUSY when bound) or ownership (-EPERM while owned, multi-device groups)",
        "iommu_group_store_type (08a27c1c3ecf, v5.11)",
        ("none", Profiles.GroupTypeSysfs.None), ("read-only", Profiles.GroupTypeSysfs.ReadOnly), ("single-device", Profiles.GroupTypeSysfs.SingleDevice), ("ownership", Profiles.GroupTypeSysfs.Ownership));
    // --- DMA ownership and VFIO
    public static readonly BoolSwitch DmaOwnership = new("dma_ownership",
        "Bus dma_configure takes DMA ownership (iommu_device_use_default_domain, -EBUSY in an owned group) unless driver_managed_dma",
        "platform_dma_configure (1ea2a07a532b, v5.19)");
    public static readonly BoolSwitch IommuClaimDevice = new("iommu_claim_device",
        "iommu_device_claim_dma_owner (iommufd device-centric claims) exists",
        "iommu_device_claim_dma_owner (89395ccedbc1, v6.2)");
    public static readonly ChoiceSwitch<bool> VfioIsolation = new("vfio_isolation",
        "How a kernel driver binding into a group VFIO uses is handled: notifier (vfio's group notifier hits BUG_ON) or ownership (dma_configure returns -EBUSY)",
        "vfio_iommu_group_notifier / iommu_device_use_default_domain",
        ("notifier", true), ("ownership", false));
    // --- arch DMA ops
    public static readonly ChoiceSwitch<Arm64Dma> Arm64Dma = new("arm64_dma",
        "arm64 IOMMU DMA ops: none (coherency only), notifier-add (queue replayed at BUS_NOTIFY_ADD_DEVICE), notifier-bind (BUS_NOTIFY_BIND_DRIVER), direct (arch_setup_dma_ops), core (the IOMMU core sets dev->dma_iommu)",
        "arch/arm64/mm/dma-mapping.c",
        ("none", Profiles.Arm64Dma.None), ("notifier-add", Profiles.Arm64Dma.NotifierAdd), ("notifier-bind", Profiles.Arm64Dma.NotifierBind), ("direct", Profiles.Arm64Dma.Direct), ("core", Profiles.Arm64Dma.Core));
    public static readonly ChoiceSwitch<bool> Arm64DefaultOps = new("arm64_default_ops",
        "arm64 DMA ops without an IOMMU: swiotlb (swiotlb_dma_ops) or direct (dma-direct)",
        "arch_setup_dma_ops",
        ("swiotlb", false), ("direct", true));
    public static readonly ChoiceSwitch<Arm32Dma> Arm32Dma = new("arm32_dma",
        "arm32 arch_setup/teardown_dma_ops: overwrite (setup always sets ops), unguarded (setup bails if ops are set; teardown destroys any mapping, v4.12-rc1), guarded-keeps-plain (dma_ops_setup guard), guarded-clears (teardown also clears ops)",
        "arch_setup_dma_ops / arch_teardown_dma_ops (a93a121a9653)",
        ("overwrite", Profiles.Arm32Dma.Overwrite), ("unguarded", Profiles.Arm32Dma.Unguarded), ("guarded-keeps-plain", Profiles.Arm32Dma.GuardedKeepsPlain), ("guarded-clears", Profiles.Arm32Dma.GuardedClears));
    public static readonly ChoiceSwitch<ArmSharedMappingAt> ArmSharedMappingAt = new("arm_shared_mapping_at",
        "When an IOMMU driver that keeps one arm32 mapping per instance (ipmmu-vmsa) attaches it to a master: add-device (ops->add_device) or probe-finalize (ops->probe_finalize, after the default-domain step of iommu_probe_device)",
        "ipmmu_add_device / ipmmu_probe_finalize",
        ("add-device", Profiles.ArmSharedMappingAt.AddDevice), ("probe-finalize", Profiles.ArmSharedMappingAt.ProbeFinalize));
    public static readonly ChoiceSwitch<DmaTeardownSites> DmaTeardown = new("dma_teardown",
        "Where arch_teardown_dma_ops is called: creation-only (device destroy), after-configure (probe failure after a successful dma_configure, and unbind), every-failure (every failed probe, after devres release)",
        "really_probe / device_unbind_cleanup",
        ("creation-only", DmaTeardownSites.CreationOnly), ("after-configure", DmaTeardownSites.AfterConfigure), ("every-failure", DmaTeardownSites.EveryFailure));
    // --- PCI quirks built into the kernel (drivers/pci/quirks.c; groups and lines: docs/kernel/pci.md)
    public static readonly ListSwitch PciAcsQuirks = new("pci_acs_quirks",
        "Groups of the built-in device-specific ACS table this kernel has (pci_dev_acs_enabled[] and the device lists its functions keep): which root ports and multifunction devices count as isolated whatever their ACS registers say; each group is the entries one release added",
        "pci_dev_specific_acs_enabled / pci_dev_acs_enabled[]", Pci.Quirks.AcsQuirkTable.Groups);
    public static readonly ListSwitch PciDmaAliasQuirks = new("pci_dma_alias_quirks",
        "Groups of the built-in header fixups that give PCI functions DMA aliases (dma_alias_mask) or the PCIE_BRIDGE_ALIAS / BRIDGE_XLATE_ROOT flags; each group is the devices one release added",
        "quirk_dma_func0_alias, quirk_dma_func1_alias, quirk_fixed_dma_alias, quirk_use_pcie_bridge_dma_alias, ... (DECLARE_PCI_FIXUP_HEADER)",
        Pci.Quirks.DmaAliasQuirkTable.Groups);
    // --- DMA data plane
    public static readonly IntSwitch IovaMagazine = new("iova_magazine",
        "IOVA rcache magazine size",
        "iova_magazine (IOVA_MAG_SIZE)");
    public static readonly BoolSwitch IovaStickyDac = new("iova_sticky_dac",
        "A PCI device's first failed 32-bit IOVA allocation switches it to 64-bit for good (\"Using <n>-bit DMA addresses\")",
        "iommu_dma_alloc_iova");

    /// <summary>Every switch, in the catalog's order (a declaration above that is missing here is no switch at all).</summary>
    public static readonly IReadOnlyList<ProfileSwitch> All = new ProfileSwitch[]
    {
        DeviceLinks,
        NotBoundEvent,
        ReallyProbeUnwind,
        ProbeResultLog,
        LinkDeferAddsPending,
        ProbeReturn,
        MatchDefer,
        DeferNeedsCanMatch,
        ProbeFailureMessage,
        DeferredTriggerCount,
        CheckState,
        DeferredProbeTimeout,
        DeferredProbeTimeoutNomodules,
        LateSecondPass,
        DevicesDeferredFile,
        DeferReasons,
        LinkCheckReason,
        TimeoutExtension,
        TimeoutDriversDone,
        PendingMessage,
        FwDevlink,
        FwDevlinkBindings,
        FwDevlinkOptional,
        FwDevlinkStrictParam,
        FwDevlinkSupplier,
        FwDevlinkCycles,
        DevlinkNames,
        SimplePmBus,
        AmbaPeriphidAtMatch,
        ChosenFramebuffer,
        OfPopulatingDrivers,
        OfSubnodeProviders,
        ReservedMemoryDevices,
        PinctrlAbsent,
        GenpdAbsent,
        ClkDisabledProvider,
        DummyRegulatorMessage,
        IrqDeferReason,
        DmaConfigTime,
        OfIommu,
        IommuOfDeclare,
        OfIommuDisabledCheck,
        IommuMapAliases,
        DmaNoncoherentProp,
        IommuProbe,
        IommuBusOps,
        IommuRegister,
        DefaultDomains,
        GrouplessAttach,
        IommuGroupLog,
        IommuAttachFailure,
        IommuPassthroughParam,
        DefaultDomainFailure,
        IommuDefaultLog,
        IommuLazy,
        IommuDefaultPassthrough,
        DefDomainTypeOp,
        DmarSatc,
        DefDomainConflict,
        AttachGroupBusy,
        SmmuV3StreamIds,
        IommuStreamIdBits,
        SmmuDisableBypass,
        GroupTypeSysfs,
        DmaOwnership,
        IommuClaimDevice,
        VfioIsolation,
        Arm64Dma,
        Arm64DefaultOps,
        Arm32Dma,
        ArmSharedMappingAt,
        DmaTeardown,
        PciAcsQuirks,
        PciDmaAliasQuirks,
        IovaMagazine,
        IovaStickyDac,
    };

    static readonly Dictionary<string, ProfileSwitch> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static ProfileSwitch? Find(string name) => ByName.GetValueOrDefault(name.Replace('-', '_'));
}
