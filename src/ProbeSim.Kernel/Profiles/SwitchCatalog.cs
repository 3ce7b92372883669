namespace ProbeSim.Kernel.Profiles;

/// <summary>Every behaviour switch a profile sets (docs/profiles.md explains each one and its history).</summary>
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

    public static readonly IReadOnlyList<ProfileSwitch> All = new ProfileSwitch[]
    {
        // --- driver core: really_probe and its callers
        new("device_links", SwitchKind.Bool, "Device links exist and really_probe checks suppliers first", "device_links_check_suppliers (v4.10)"),
        new("not_bound_event", SwitchKind.Bool, "BUS_NOTIFY_DRIVER_NOT_BOUND is sent when a probe fails after BIND_DRIVER", "really_probe probe_failed (14b6257a5f3d, ~v4.5)"),
        new("really_probe_unwind", SwitchKind.Choice, "Order of really_probe and its failure unwind: v4.2 (no DMA step), v4.12 (dma_configure before sysfs, NOT_BOUND on its failure, teardown before devres), v5.4 (teardown after devres release), v5.19 (dma_configure failure sends no notifier)", "really_probe", new[] { "v4.2", "v4.12", "v5.4", "v5.19" }),
        new("probe_result_log", SwitchKind.Choice, "Which failures the probe-result switch logs (\"requests probe deferral\", \"rejects match\", \"failed with error\"): every-failure (the switch ends really_probe, so pinctrl and dma_configure failures are logged too) or driver-probe (call_driver_probe: only the driver's probe)", "really_probe / call_driver_probe", new[] { "every-failure", "driver-probe" }),
        new("link_defer_adds_pending", SwitchKind.Bool, "A supplier-link refusal puts the device on the deferred pending list", "really_probe: driver_deferred_probe_add_trigger after device_links_check_suppliers (v5.4)"),
        new("probe_return", SwitchKind.Choice, "How a failed driver probe is returned to the device walk: zero (really_probe returns 0, walk continues) or errno (negated errno, <0 core errors stop the walk)", "really_probe / __device_attach_driver", new[] { "zero", "errno" }),
        new("match_defer", SwitchKind.Choice, "A bus match returning -EPROBE_DEFER: probe-anyway (device added to pending, then probed as if matched) or stop (device walk stops)", "__device_attach_driver", new[] { "probe-anyway", "stop" }),
        new("defer_needs_can_match", SwitchKind.Bool, "driver_deferred_probe_add only adds devices that matched a driver (can_match)", "driver_deferred_probe_add (v5.19)"),
        new("probe_failure_message", SwitchKind.Choice, "Wording of a failed probe: legacy \"<drv>: probe of <dev> failed with error <n>\" (warning) or dev \"probe with driver <drv> failed with error <n>\" (error)", "call_driver_probe", new[] { "legacy", "dev" }),
        // --- deferred probe
        new("deferred_trigger_count", SwitchKind.Bool, "A probe that defers while a trigger ran re-triggers (deferred_trigger_count, v3.15); false reopens the lost-trigger window", "driver_deferred_probe_add_trigger"),
        new("check_state", SwitchKind.Choice, "driver_deferred_probe_check_state: none (absent), v4.19 (defer until initcalls done, then -ENODEV or -ETIMEDOUT), v5.10 (modules-aware)", "driver_deferred_probe_check_state", new[] { "none", "v4.19", "v5.10" }),
        new("deferred_probe_timeout", SwitchKind.Int, "Default deferred_probe_timeout in seconds with CONFIG_MODULES (-1 never, none = no such parameter)", "deferred_probe_timeout / driver_deferred_probe_timeout"),
        new("deferred_probe_timeout_nomodules", SwitchKind.Int, "Default deferred_probe_timeout without CONFIG_MODULES", "deferred_probe_timeout"),
        new("late_second_pass", SwitchKind.Bool, "deferred_probe_initcall sets initcalls_done and runs a second trigger+flush pass", "deferred_probe_initcall (25b4e70dcce9, v4.19)"),
        new("devices_deferred_file", SwitchKind.Bool, "debugfs devices_deferred exists", "deferred_devs_show (v4.19)"),
        new("defer_reasons", SwitchKind.Bool, "dev_err_probe records deferral reasons shown in devices_deferred", "dev_err_probe / device_set_deferred_probe_reason (~v5.9)"),
        new("link_check_reason", SwitchKind.Choice, "Reason recorded for a supplier-link refusal: none, node-name (%pfwP) or full-path (%pfwf)", "device_links_check_suppliers / fwnode_links_check_suppliers", new[] { "none", "node-name", "full-path" }),
        new("timeout_extension", SwitchKind.Bool, "Each driver_register restarts a still-pending timeout work", "deferred_probe_extend_timeout (v5.19)"),
        new("timeout_drivers_done", SwitchKind.Bool, "The timeout work first relaxes fw_devlink links to suppliers that never matched a driver", "deferred_probe_timeout_work_func: fw_devlink_drivers_done (v5.19)"),
        new("pending_message", SwitchKind.Choice, "Timeout message for still-pending devices: plain (info \"deferred probe pending\") or with-reason (warning \"deferred probe pending: <reason>\")", "deferred_probe_timeout_work_func", new[] { "plain", "with-reason" }),
        // --- fw_devlink
        new("fw_devlink", SwitchKind.Choice, "Default fw_devlink mode (none = the kernel has no fw_devlink)", "fw_devlink_flags / fw_devlink=", new[] { "none", "off", "permissive", "on", "rpm" }),
        new("fw_devlink_bindings", SwitchKind.List, "DT properties of_fwnode_add_links parses for suppliers", "of_supplier_bindings", Bindings),
        new("fw_devlink_optional", SwitchKind.List, "Bindings skipped unless fw_devlink.strict=1", "supplier_bindings .optional", Bindings),
        new("fw_devlink_strict_param", SwitchKind.Bool, "The fw_devlink.strict= parameter exists", "fw_devlink_strict_setup (~v5.13)"),
        new("fw_devlink_supplier", SwitchKind.Choice, "Which node a fwnode link points at: compat-ancestor (nearest ancestor with compatible) or node (the phandle target, NOT_DEVICE children move to their parent device)", "of_link_to_phandle / __fw_devlink_pickup_dangling_consumers (v6.3)", new[] { "compat-ancestor", "node" }),
        new("fw_devlink_cycles", SwitchKind.Choice, "Dependency cycles: refuse (the closing link is made sync-state-only, \"Fixing up cyclic dependency\") or fixup (cycle flagged, \"Fixed dependency cycle(s)\")", "fw_devlink_create_devlink / __fw_devlink_relax_cycles (v6.3)", new[] { "refuse", "fixup" }),
        new("devlink_names", SwitchKind.Choice, "Device link names in /sys/class/devlink: plain <sup>--<con> or bus-prefixed <bus>:<sup>--<bus>:<con>", "device_link_add dev_set_name", new[] { "plain", "bus-prefixed" }),
        new("simple_pm_bus", SwitchKind.Bool, "The simple-pm-bus driver also binds simple-bus, simple-mfd, isa and arm,amba-bus nodes (ONLY_BUS) when the driver set has no driver for them", "simple_pm_bus_of_match (v5.16)"),
        new("amba_periphid_at_match", SwitchKind.Bool, "AMBA devices without arm,primecell-periphid read their id at match time (apb_pclk on); any failure makes the match return -EPROBE_DEFER", "amba_match / amba_read_periphid (v6.0)"),
        // --- OF population
        new("chosen_framebuffer", SwitchKind.Bool, "of_platform_default_populate_init creates the simple-framebuffer child of /chosen", "of_platform_default_populate_init (~v6.0)"),
        new("of_populating_drivers", SwitchKind.List, "Drivers whose probe calls of_platform_populate on their own node (its children with a compatible become platform devices), by a compatible of the node; * matches any run of characters", "of_platform_populate / devm_of_platform_populate in a driver's probe"),
        new("of_subnode_providers", SwitchKind.List, "Drivers that register providers (gpio chips, ...) for their subnodes with a compatible themselves, without a device per subnode, by a compatible of their node", "rockchip_gpiolib_register (pinctrl-rockchip before v5.15)"),
        new("reserved_memory_devices", SwitchKind.List, "/reserved-memory children with these compatibles become platform devices", "of_platform_default_populate_init reserved_mem_matches"),
        // --- resource providers
        new("pinctrl_absent", SwitchKind.Choice, "A pinctrl state whose controller never registers: defer forever, or check-state (v4.19+, keeps deferring with modules)", "dt_to_map_one_config", new[] { "defer", "check-state" }),
        new("genpd_absent", SwitchKind.Choice, "A power-domains provider that never registers: defer forever or check-state", "__genpd_dev_pm_attach", new[] { "defer", "check-state" }),
        new("clk_disabled_provider", SwitchKind.Choice, "A clock whose provider node is disabled: defer forever or -ENOENT", "of_clk_get_hw_from_clkspec (~v6.15)", new[] { "defer", "enoent" }),
        new("dummy_regulator_message", SwitchKind.Choice, "Dummy regulator warning: repeat-name (\"<dev> supply <id> not found\") or short (\"supply <id> not found\")", "_regulator_get", new[] { "repeat-name", "short" }),
        new("irq_defer_reason", SwitchKind.Bool, "platform_get_irq reports failures through dev_err_probe (\"IRQ index <n> not found\")", "platform_get_irq"),
        // --- DMA configuration (drivers/of/device.c, drivers/iommu/of_iommu.c)
        new("dma_config_time", SwitchKind.Choice, "When of_dma_configure runs: creation (of_platform_device_create, once) or probe (really_probe -> bus->dma_configure, every attempt)", "of_dma_configure (09515ef5ddad, v4.12)", new[] { "creation", "probe" }),
        new("of_iommu", SwitchKind.Choice, "How of_iommu_configure finds an IOMMU that has not registered: declare-ops (ops set by IOMMU_OF_DECLARE hooks, else none), instances (iommu_ops_from_fwnode, else none), declare-table (defer while booting if the compatible has a built-in declare entry), check-state (driver_deferred_probe_check_state)", "of_iommu_xlate / of_iommu_driver_present", new[] { "declare-ops", "instances", "declare-table", "check-state" }),
        new("iommu_of_declare", SwitchKind.List, "IOMMU compatibles with a built-in IOMMU_OF_DECLARE entry in __iommu_of_table: of_iommu_init runs their hook before population (declare-ops, instances) and of_iommu_driver_present defers their masters while booting (declare-table); * matches any run of characters; empty once the table is gone (v4.18)", "IOMMU_OF_DECLARE / of_iommu_init / of_iommu_driver_present"),
        new("of_iommu_disabled_check", SwitchKind.Bool, "An IOMMU node that is not available means no IOMMU (false: v4.12-rc1 defers on it)", "of_iommu_xlate: of_device_is_available (v4.12)"),
        new("iommu_map_aliases", SwitchKind.Choice, "Which PCI DMA aliases of_iommu_configure maps through iommu-map: none (PCI unsupported), last (only the last alias reached), all (one fwspec ID per alias)", "of_pci_iommu_init / of_iommu_configure_dev_id", new[] { "none", "last", "all" }),
        new("dma_noncoherent_prop", SwitchKind.Bool, "dma-noncoherent is honoured when looking up coherency", "of_dma_is_coherent (v6.1)"),
        // --- IOMMU core (drivers/iommu/iommu.c)
        new("iommu_probe", SwitchKind.Choice, "How a client device joins the IOMMU: add-device (driver ops->add_device does it all), probe-device (core probe_device + group + default domain, v5.8), init-device (iommu_init_device, iommu_setup_default_domain, v6.5)", "iommu_probe_device / __iommu_probe_device", new[] { "add-device", "probe-device", "init-device" }),
        new("iommu_bus_ops", SwitchKind.Choice, "IOMMU ops per bus (bus_set_iommu; a second driver's call fails with -EBUSY) or per device (from the fwspec, v6.8)", "bus_set_iommu / iommu: Retire bus ops (17de3f5fdd35)", new[] { "per-bus", "per-device" }),
        new("iommu_register", SwitchKind.Choice, "What iommu_device_register does: list (append only), bus-probe (set bus ops, -EBUSY for a second driver while ops are per bus, bus_iommu_probe, v6.2), bus-probe-configure (also runs dma_configure for unconfigured devices, v6.15)", "iommu_device_register", new[] { "list", "bus-probe", "bus-probe-configure" }),
        new("default_domains", SwitchKind.Choice, "Which groups get a default domain: pci-only (v4.2) or all", "iommu_group_get_for_dev (v4.4)", new[] { "pci-only", "all" }),
        new("groupless_attach", SwitchKind.Choice, "iommu_attach_device on a device with no IOMMU group: direct (v4.x attaches the device itself) or refuse (-ENODEV)", "iommu_attach_device", new[] { "direct", "refuse" }),
        new("iommu_group_log", SwitchKind.Choice, "Wording only: group join/leave lines v4 (\"iommu: Adding device <dev> to group <n>\", and arm-smmu's cross-SMMU attach error) or v5 (\"<drv> <dev>: Adding to iommu group <n>\")", "iommu_group_add_device / iommu_group_remove_device", new[] { "v4", "v5" }),
        new("iommu_attach_failure", SwitchKind.Choice, "A default-domain attach that fails (e.g. -ENOSPC, no context bank): ignore (v4.2-v4.4: the device joins anyway), fail-add (\"Failed to add device ... to group\", group freed), release (Adding, then Removing, probe fails), warn (Adding, kernel WARNING, group freed, no Removing line)", "iommu_group_add_device / iommu_probe_device / iommu_setup_default_domain", new[] { "ignore", "fail-add", "release", "warn" }),
        new("iommu_passthrough_param", SwitchKind.Bool, "The iommu.passthrough= parameter exists", "iommu_set_def_domain_type (v4.12)"),
        new("default_domain_failure", SwitchKind.Choice, "A group whose default domain cannot be allocated: tolerate (device stays grouped without one) or fail-probe (the device's IOMMU probe fails)", "iommu_setup_default_domain (all drivers have default domains)", new[] { "tolerate", "fail-probe" }),
        new("iommu_default_log", SwitchKind.Choice, "Boot lines naming the default domain type: none, v5.10 (\"Default domain type: Translated \" with the space), v6.6 (no trailing space)", "iommu_subsys_init", new[] { "none", "v5.10", "v6.6" }),
        new("iommu_lazy", SwitchKind.Choice, "What iommu.strict=0 does: none (no parameter), attribute (flush-queue attribute on DMA domains), dma-fq (DMA_FQ domain type and the TLB invalidation policy line)", "iommu_setup_dma_strict / IOMMU_DOMAIN_DMA_FQ (bf3aed4660c6, v5.15)", new[] { "none", "attribute", "dma-fq" }),
        new("iommu_default_passthrough", SwitchKind.Bool, "Build default is passthrough (CONFIG_IOMMU_DEFAULT_PASSTHROUGH)", "iommu_def_domain_type"),
        new("def_domain_type_op", SwitchKind.Bool, "IOMMU drivers can ask a per-device default domain type", "iommu_ops.def_domain_type (v5.8)"),
        new("def_domain_conflict", SwitchKind.Choice, "Conflicting per-device types in one group: default (warn, use the global default) or identity-wins (driver error message, IDENTITY)", "iommu_get_default_domain_type", new[] { "default", "identity-wins" }),
        new("attach_group_busy", SwitchKind.Choice, "When iommu_attach_group/device refuses a new domain with -EBUSY: default-domain (only a group with a default domain that is off it; arm32 groups have none) or current-domain (any current domain but the default or blocking one)", "__iommu_attach_group (v5.19 rework)", new[] { "default-domain", "current-domain" }),
        new("smmu_v3_stream_ids", SwitchKind.Choice, "arm-smmu-v3 probe_device and a StreamID already in use: shared (no StreamID tree; masters with the same ID share its STE and pci_device_group's group), unique (the SID tree refuses any ID already in it, the master's own DMA alias included: -EINVAL, \"stream %u already in tree\"), unique-per-master (its own duplicate is skipped; another master's ID is refused: \"stream %u already in tree from dev %s\")", "arm_smmu_insert_master (cdf315f907d4 v5.13; b00d24997a11 v6.15 and stable)", new[] { "shared", "unique", "unique-per-master" }),
        new("iommu_stream_id_bits", SwitchKind.Int, "Machine data, not kernel history: StreamID width of an SMMU whose scenario gives none (SMMU_IDR1.SIDSIZE, SMMU_IDR0.NUMSIDB); none = unlimited", "arm_smmu_sid_in_range / arm_smmu_probe_device streamid_mask"),
        new("smmu_disable_bypass", SwitchKind.Bool, "arm-smmu: a stream with no stream-map entry aborts (Blocked unknown Stream ID) instead of bypassing", "arm-smmu disable_bypass (ARM_SMMU_DISABLE_BYPASS_BY_DEFAULT)"),
        new("group_type_sysfs", SwitchKind.Choice, "/sys/kernel/iommu_groups/N/type: none, read-only, single-device (writable for one unbound device, -EBUSY when bound) or ownership (-EPERM while owned, multi-device groups)", "iommu_group_store_type (08a27c1c3ecf, v5.11)", new[] { "none", "read-only", "single-device", "ownership" }),
        // --- DMA ownership and VFIO
        new("dma_ownership", SwitchKind.Bool, "Bus dma_configure takes DMA ownership (iommu_device_use_default_domain, -EBUSY in an owned group) unless driver_managed_dma", "platform_dma_configure (1ea2a07a532b, v5.19)"),
        new("iommu_claim_device", SwitchKind.Bool, "iommu_device_claim_dma_owner (iommufd device-centric claims) exists", "iommu_device_claim_dma_owner (89395ccedbc1, v6.2)"),
        new("vfio_isolation", SwitchKind.Choice, "How a kernel driver binding into a group VFIO uses is handled: notifier (vfio's group notifier hits BUG_ON) or ownership (dma_configure returns -EBUSY)", "vfio_iommu_group_notifier / iommu_device_use_default_domain", new[] { "notifier", "ownership" }),
        // --- arch DMA ops
        new("arm64_dma", SwitchKind.Choice, "arm64 IOMMU DMA ops: none (coherency only), notifier-add (queue replayed at BUS_NOTIFY_ADD_DEVICE), notifier-bind (BUS_NOTIFY_BIND_DRIVER), direct (arch_setup_dma_ops), core (the IOMMU core sets dev->dma_iommu)", "arch/arm64/mm/dma-mapping.c", new[] { "none", "notifier-add", "notifier-bind", "direct", "core" }),
        new("arm64_default_ops", SwitchKind.Choice, "arm64 DMA ops without an IOMMU: swiotlb (swiotlb_dma_ops) or direct (dma-direct)", "arch_setup_dma_ops", new[] { "swiotlb", "direct" }),
        new("arm32_dma", SwitchKind.Choice, "arm32 arch_setup/teardown_dma_ops: overwrite (setup always sets ops), unguarded (setup bails if ops are set; teardown destroys any mapping, v4.12-rc1), guarded-keeps-plain (dma_ops_setup guard), guarded-clears (teardown also clears ops)", "arch_setup_dma_ops / arch_teardown_dma_ops (a93a121a9653)", new[] { "overwrite", "unguarded", "guarded-keeps-plain", "guarded-clears" }),
        new("arm_shared_mapping_at", SwitchKind.Choice, "When an IOMMU driver that keeps one arm32 mapping per instance (ipmmu-vmsa) attaches it to a master: add-device (ops->add_device) or probe-finalize (ops->probe_finalize, after the default-domain step of iommu_probe_device)", "ipmmu_add_device / ipmmu_probe_finalize", new[] { "add-device", "probe-finalize" }),
        new("dma_teardown", SwitchKind.Choice, "Where arch_teardown_dma_ops is called: creation-only (device destroy), after-configure (probe failure after a successful dma_configure, and unbind), every-failure (every failed probe, after devres release)", "really_probe / device_unbind_cleanup", new[] { "creation-only", "after-configure", "every-failure" }),
        // --- DMA data plane
        new("iova_magazine", SwitchKind.Int, "IOVA rcache magazine size", "iova_magazine (IOVA_MAG_SIZE)"),
        new("iova_sticky_dac", SwitchKind.Bool, "A PCI device's first failed 32-bit IOVA allocation switches it to 64-bit for good (\"Using <n>-bit DMA addresses\")", "iommu_dma_alloc_iova"),
    };

    static readonly Dictionary<string, ProfileSwitch> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static ProfileSwitch? Find(string name) => ByName.GetValueOrDefault(name.Replace('-', '_'));
}
