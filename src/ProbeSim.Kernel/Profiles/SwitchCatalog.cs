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
        new("link_defer_adds_pending", SwitchKind.Bool, "A supplier-link refusal puts the device on the deferred pending list", "really_probe: driver_deferred_probe_add_trigger after device_links_check_suppliers (v5.4)"),
        new("probe_return", SwitchKind.Choice, "How a failed driver probe is returned to the device walk: zero (really_probe returns 0, walk continues) or errno (negated errno, <0 core errors stop the walk)", "really_probe / __device_attach_driver", new[] { "zero", "errno" }),
        new("match_defer", SwitchKind.Choice, "A bus match returning -EPROBE_DEFER: probe-anyway (device added to pending, then probed as if matched) or stop (device walk stops)", "__device_attach_driver", new[] { "probe-anyway", "stop" }),
        new("defer_needs_can_match", SwitchKind.Bool, "driver_deferred_probe_add only adds devices that matched a driver (can_match)", "driver_deferred_probe_add (v5.19)"),
        new("probe_failure_message", SwitchKind.Choice, "Wording of a failed probe: legacy \"<drv>: probe of <dev> failed with error <n>\" (warning) or dev \"probe with driver <drv> failed with error <n>\" (error)", "call_driver_probe", new[] { "legacy", "dev" }),
        // --- deferred probe
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
        new("reserved_memory_devices", SwitchKind.List, "/reserved-memory children with these compatibles become platform devices", "of_platform_default_populate_init reserved_mem_matches"),
        // --- resource providers
        new("pinctrl_absent", SwitchKind.Choice, "A pinctrl state whose controller never registers: defer forever, or check-state (v4.19+, keeps deferring with modules)", "dt_to_map_one_config", new[] { "defer", "check-state" }),
        new("genpd_absent", SwitchKind.Choice, "A power-domains provider that never registers: defer forever or check-state", "__genpd_dev_pm_attach", new[] { "defer", "check-state" }),
        new("clk_disabled_provider", SwitchKind.Choice, "A clock whose provider node is disabled: defer forever or -ENOENT", "of_clk_get_hw_from_clkspec (~v6.15)", new[] { "defer", "enoent" }),
        new("dummy_regulator_message", SwitchKind.Choice, "Dummy regulator warning: repeat-name (\"<dev> supply <id> not found\") or short (\"supply <id> not found\")", "_regulator_get", new[] { "repeat-name", "short" }),
        new("irq_defer_reason", SwitchKind.Bool, "platform_get_irq reports failures through dev_err_probe (\"IRQ index <n> not found\")", "platform_get_irq"),
    };

    static readonly Dictionary<string, ProfileSwitch> ByName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static ProfileSwitch? Find(string name) => ByName.GetValueOrDefault(name.Replace('-', '_'));
}
