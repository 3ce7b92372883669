namespace ProbeSim.Import.Plans;

/// <summary>
/// Kernel functions a probe calls with its device that neither request a supplier nor create children: allocation,
/// logging, driver data, MMIO mapping, property reads, provider registration, runtime PM bookkeeping. A call to one of
/// them is not an unknown. Exact names, then prefixes (each a family of the same kind).
/// </summary>
internal static class InertCalls
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "dev_err_probe", "pm_clk_create", "devm_pm_clk_create", "to_pci_dev", "dev_to_shost", "devres_open_group", "devres_close_group", "devres_remove_group",
        "dev_driver_string", "device_enable_async_suspend", "eth_hw_addr_set", "request_firmware", "register_netdev",
        "device_create", "skb_queue_head_init", "hid_debug_event", "hid_compute_report_size", "firmware_request_nowarn",
        "of_dma_is_coherent", "device_get_phy_mode", "of_phy_is_fixed_link", "of_usb_get_dr_mode_by_phy",
        "of_device_is_system_power_controller", "device_set_node", "device_for_each_child", "msi_get_virq",
        "devm_extcon_register_notifier", "devm_pci_remap_cfg_resource", "devm_pci_alloc_host_bridge",
        "devm_netdev_alloc_pcpu_stats", "is_valid_ether_addr", "eth_hw_addr_random", "netif_napi_add", "netif_napi_add_tx",
        "dev_pm_set_driver_flags", "dev_pm_qos_expose_latency_tolerance", "dev_pm_qos_hide_latency_tolerance",
        "pcim_enable_device", "pcim_iomap_table", "pcim_iomap_regions", "alloc_etherdev", "devm_alloc_etherdev_mqs",
        "scsi_host_alloc", "scsi_add_host", "scsi_scan_host", "irq_find_matching_host", "of_platform_depopulate", "of_phy_provider_register_full",
        "device_node_to_regmap", "ap_cp_unique_name", "devm_clk_hw_get_clk", "i2c_check_functionality", "mmc_alloc_host", "sdhci_alloc_host", "mmc_add_host", "mmc_free_host", "of_parse_phandle", "of_msi_get_domain", "irq_domain_get_of_node",
        "platform_msi_create_device_tree_domain", "sdhci_pltfm_free", "to_platform_device", "to_i2c_client", "to_spi_device", "to_amba_device", "container_of",
        "dev_get_platdata", "dev_get_regmap", "devm_of_clk_del_provider", "of_clk_del_provider", "dev_set_drvdata", "dev_get_drvdata", "platform_set_drvdata", "platform_get_drvdata",
        "i2c_set_clientdata", "i2c_get_clientdata", "spi_set_drvdata", "spi_get_drvdata", "amba_set_drvdata",
        "of_device_get_match_data", "device_get_match_data", "of_match_device", "of_match_node", "i2c_match_id",
        "spi_get_device_id", "platform_get_device_id", "i2c_get_match_data",
        "platform_get_resource", "platform_get_resource_byname", "platform_get_mem_or_io", "platform_irq_count",
        "platform_device_put", "platform_device_add", "platform_device_add_data", "platform_device_add_resources",
        "platform_device_unregister", "platform_device_del", "mfd_remove_devices",
        "of_iomap", "of_address_to_resource", "of_get_address", "of_translate_address",
        "dma_set_mask_and_coherent", "dma_set_mask", "dma_set_coherent_mask", "dma_coerce_mask_and_coherent",
        "dma_alloc_coherent", "dmam_alloc_coherent", "dma_free_coherent", "dma_map_single", "dma_unmap_single",
        "device_init_wakeup", "device_set_wakeup_capable", "device_set_wakeup_enable", "device_wakeup_enable",
        "enable_irq_wake", "disable_irq_wake", "request_irq", "request_threaded_irq", "free_irq", "disable_irq", "enable_irq",
        "irq_set_chained_handler_and_data", "irq_set_handler_data", "irq_set_chip_and_handler",
        "of_node_get", "of_node_put", "of_device_is_compatible", "of_device_is_available", "of_device_is_big_endian",
        "of_alias_get_id", "of_n_addr_cells", "of_n_size_cells", "of_node_name_eq", "of_node_full_name",
        "of_get_child_by_name", "of_get_next_child", "of_get_next_available_child", "of_get_parent",
        "of_get_available_child_count", "of_get_child_count", "of_get_compatible_child", "of_count_phandle_with_args",
        "of_parse_phandle_with_args", "of_parse_phandle_with_fixed_args", "of_get_property", "of_find_property",
        "of_get_mac_address", "of_get_phy_mode", "of_dma_configure", "of_reserved_mem_device_init",
        "of_reserved_mem_device_init_by_idx", "of_reserved_mem_device_release", "of_machine_is_compatible",
        "of_find_compatible_node", "of_find_node_by_name", "of_find_node_by_type", "of_find_matching_node",
        "of_find_node_by_path", "of_find_node_with_property", "of_node_to_fwnode", "of_fwnode_handle",
        "dev_fwnode", "dev_name", "dev_to_node", "dev_set_name", "dev_of_node", "device_is_bound",
        "regmap_read", "regmap_write", "regmap_update_bits", "regmap_bulk_read", "regmap_bulk_write",
        "regmap_field_read", "regmap_field_write", "regmap_attach_dev", "regmap_get_device",
        "regmap_add_irq_chip", "devm_regmap_add_irq_chip", "regmap_irq_get_domain", "regmap_irq_get_virq",
        "devm_regmap_add_irq_chip_fwnode", "regmap_register_patch", "regcache_cache_only", "regcache_sync",
        "readl", "writel", "readl_relaxed", "writel_relaxed", "ioread32", "iowrite32",
        "clk_prepare_enable", "clk_disable_unprepare", "clk_get_rate", "clk_set_rate", "clk_enable", "clk_disable",
        "clk_prepare", "clk_unprepare", "clk_bulk_prepare_enable", "clk_bulk_disable_unprepare", "clk_put",
        "clk_get_parent", "clk_set_parent", "clk_round_rate", "clk_hw_get_name", "__clk_get_name", "clk_register_clkdev",
        "reset_control_deassert", "reset_control_assert", "reset_control_reset", "reset_control_put",
        "reset_control_bulk_deassert", "reset_control_bulk_assert", "reset_control_status",
        "regulator_enable", "regulator_disable", "regulator_bulk_enable", "regulator_bulk_disable",
        "regulator_set_voltage", "regulator_get_voltage", "regulator_put", "regulator_is_enabled",
        "phy_init", "phy_exit", "phy_power_on", "phy_power_off", "phy_set_mode", "phy_set_mode_ext", "phy_put",
        "gpiod_set_value", "gpiod_set_value_cansleep", "gpiod_get_value", "gpiod_direction_output", "gpiod_to_irq",
        "gpiod_set_consumer_name", "gpio_is_valid", "devm_gpio_request_one", "devm_gpio_request", "gpio_request",
        "pinctrl_select_state", "pinctrl_select_default_state", "pinctrl_pm_select_default_state", "pinctrl_put",
        "mbox_free_channel", "dma_release_channel", "nvmem_cell_read", "nvmem_cell_put",
        "syscon_regmap_lookup_by_compatible", "device_link_add", "device_link_del",
        "spin_lock_init", "mutex_init", "init_completion", "init_waitqueue_head", "timer_setup", "kref_init",
        "platform_driver_register", "platform_driver_unregister", "i2c_add_driver", "component_add", "component_del",
        "component_master_add_with_match", "component_match_add", "component_match_add_release",
        "drm_of_component_match_add", "device_add_disk", "sysfs_create_group", "sysfs_remove_group",
        "device_create_file", "device_remove_file", "register_restart_handler", "register_reboot_notifier",
        "iommu_device_register", "iommu_device_sysfs_add", "iommu_device_unregister", "iommu_device_sysfs_remove",
        "bus_set_iommu", "iommu_fwspec_init", "of_iommu_configure",
        "reset_controller_register", "of_clk_add_provider", "of_clk_add_hw_provider", "of_clk_del_provider",
        "clk_hw_register", "clk_register", "clk_hw_register_fixed_rate", "clk_register_fixed_rate",
        "pm_genpd_init", "of_genpd_add_provider_simple", "of_genpd_add_provider_onecell", "pm_genpd_add_subdomain",
        "of_genpd_add_subdomain", "of_genpd_del_provider", "pm_genpd_remove",
        "gpiochip_add_data", "gpiochip_get_data", "gpiochip_remove", "pinctrl_register", "pinctrl_enable",
        "pinctrl_register_and_init", "pinctrl_unregister", "pinctrl_add_gpio_range",
        "regulator_register", "phy_create", "of_phy_simple_xlate", "__devm_of_phy_provider_register",
        "__of_phy_provider_register", "watchdog_init_timeout", "watchdog_register_device",
        "input_register_device", "input_allocate_device", "rtc_register_device", "__devm_rtc_register_device",
        "irq_domain_add_linear", "irq_domain_add_tree", "irq_domain_add_hierarchy", "irq_domain_create_linear",
        "irq_domain_create_tree", "irq_domain_create_hierarchy", "irq_domain_add_simple", "irq_domain_add_legacy",
        "irq_domain_update_bus_token", "irq_domain_remove", "irq_create_mapping", "irq_find_host",
        "irq_find_matching_fwnode", "irq_get_irq_data", "irq_set_irq_wake", "irq_dispose_mapping",
        "platform_msi_create_irq_domain", "irq_domain_create_simple",
        "thermal_zone_device_register", "thermal_of_zone_register", "cpufreq_register_driver",
        "dev_pm_opp_of_add_table", "dev_pm_opp_of_remove_table", "dev_pm_set_wake_irq", "dev_pm_clear_wake_irq",
        "kzalloc", "kcalloc", "kmalloc", "kfree", "kstrdup", "memcpy", "memset", "strcmp", "strncmp", "snprintf",
        "sprintf", "kasprintf", "strlen", "strscpy", "strlcpy", "udelay", "mdelay", "msleep", "usleep_range",
        "INIT_WORK", "INIT_DELAYED_WORK", "schedule_work", "queue_work", "cancel_work_sync", "platform_get_irq_count",
        "put_device", "get_device", "device_register", "device_add", "device_initialize", "device_del",
        "device_unregister", "devres_add", "devres_alloc", "devres_free", "device_property_present",
        "device_get_child_node_count", "device_get_named_child_node", "device_get_next_child_node",
        "fwnode_handle_put", "fwnode_property_present", "fwnode_get_named_child_node", "to_of_node",
        "is_of_node", "has_acpi_companion", "ACPI_COMPANION", "acpi_match_device", "acpi_dev_get_resources",
        "of_property_match_string", "of_property_count_strings", "of_property_count_u32_elems",
        "of_property_count_elems_of_size", "of_get_available_child_by_name", "of_irq_count", "of_irq_to_resource_table",
        "of_irq_parse_one", "of_irq_find_parent", "of_clk_get_from_provider", "of_clk_src_onecell_get",
        "of_clk_hw_onecell_get", "of_clk_hw_simple_get", "of_clk_src_simple_get",
    };

    private static readonly string[] Prefixes =
    {
        "dev_err", "dev_warn", "dev_info", "dev_dbg", "dev_notice", "dev_crit", "dev_alert", "dev_emerg", "dev_printk",
        "dev_vdbg", "pr_", "printk", "netdev_", "dev_WARN",
        "devm_kzalloc", "devm_kcalloc", "devm_kmalloc", "devm_kmemdup", "devm_kstrdup", "devm_kasprintf", "devm_kfree",
        "devm_ioremap", "devm_platform_ioremap", "devm_platform_get_and_ioremap", "devm_request_", "devm_free_irq",
        "devm_add_action", "devm_remove_action", "devm_release_", "devm_iounmap", "devm_regmap_init", "__devm_regmap_init",
        "regmap_init", "__regmap_init", "devm_regmap_field", "devm_clk_hw_register", "devm_clk_register",
        "devm_of_clk_add", "devm_clk_hw_register_clkdev", "devm_clk_notifier_register", "devm_reset_controller_register",
        "devm_gpiochip_add", "devm_pinctrl_register", "devm_pinctrl_unregister", "devm_regulator_register",
        "devm_phy_create", "devm_of_phy_provider_register", "devm_thermal_", "devm_watchdog_", "devm_input_",
        "devm_rtc_", "devm_pm_runtime_enable", "devm_hwmon_", "devm_led_", "devm_iio_device_", "devm_mutex_init",
        "devm_spi_alloc_", "devm_mbox_controller_register", "devm_pwmchip_add", "devm_power_supply_register",
        "devm_extcon_dev", "devm_of_iomap", "devm_ioport_map", "devm_nvmem_register", "devm_devfreq_", "devm_blk_",
        "devm_snd_soc_register", "snd_soc_register", "devm_usb_", "devm_drm_", "devm_backlight_",
        "devm_iommu_", "devm_device_add_group", "devm_counter_", "devm_irq_alloc", "devm_spmi_controller_alloc",
        "devm_pm_clk_create", "devm_pm_opp_", "devm_gpio_", "devm_fwnode_pwm", "devm_regmap_add_irq_chip",
        "pm_runtime_", "pm_suspend_", "pm_wakeup", "pm_stay_awake", "pm_relax", "device_property_",
        "fwnode_property_read_", "of_property_", "of_get_named_", "of_get_cpu_", "of_cpu_", "of_find_device_by_node",
        "for_each_", "list_", "hlist_", "atomic_", "spin_", "mutex_", "raw_spin_", "bitmap_", "wait_for_", "complete",
        "clk_hw_", "__clk_hw_", "clk_register", "devm_clk_hw_", "clk_hw_register", "clk_notifier", "reset_control_", "of_clk_", "irq_domain_set", "irq_set_",
        "irq_chip_", "clocksource_", "clockevents_", "sched_clock_", "timer_of_", "of_genpd_", "pm_genpd_",
        "dev_pm_opp_", "dev_pm_genpd_", "debugfs_", "sysfs_", "seq_", "mmio_", "ioread", "iowrite", "read", "write",
        "regmap_", "iio_device_", "iio_priv", "spi_alloc_", "spi_controller_", "spi_master_", "i2c_new_", "i2c_put_",
        "i2c_smbus_", "i2c_transfer", "i2c_master_", "spi_write", "spi_read", "spi_sync", "spi_setup",
        "of_node_", "fwnode_", "kthread_", "tasklet_", "hrtimer_", "timer_", "mod_timer", "del_timer", "work_",
        "queue_", "cancel_", "flush_", "create_", "alloc_", "destroy_", "devm_alloc_", "mbox_controller_",
        "usleep", "ndelay", "div", "min", "max", "clamp", "test_bit", "set_bit", "clear_bit", "find_",
        "str", "mem", "kstr", "sscanf", "kobject_", "ktime_", "jiffies", "msecs_", "usecs_", "round_", "ilog2",
        "is_power_of_2", "ffs", "fls", "hweight", "cpumask_", "num_", "smp_", "cpu_", "local_irq", "cpuhp_",
        "devm_of_pci_", "pci_", "of_pci_", "dma_cap_", "dma_async_", "dmaenginem_", "of_dma_controller_",
        "devm_spi_register_", "devm_i2c_", "i2c_del_", "i2c_set_", "usb_", "phy_", "drm_", "snd_", "v4l2_", "video_",
        "media_", "vb2_", "input_", "power_supply_", "extcon_", "rtc_", "thermal_", "hwmon_", "led_", "watchdog_",
        "nvmem_register", "gpiochip_", "gpiod_", "pinctrl_gpio", "pinctrl_dev_", "pinctrl_utils_", "pinconf_generic_",
        "pinmux_", "pinctrl_generic_", "mtk_", "sunxi_pinctrl_", "iommu_", "arm_smmu_", "io_pgtable",
        "syscon_regmap_lookup_by_compatible", "device_for_each_child_node", "of_get_next_",
    };

    // teardown on an error path acquires nothing: tegra_xusb_pad_remove, foo_unregister, bar_put, ...
    private static readonly string[] TeardownWords = { "remove", "unregister", "release", "free", "destroy", "cleanup", "exit", "disable", "depopulate", "put" };

    /// <summary>A name made of a teardown word (as its own _-separated part): called on error and remove paths.</summary>
    public static bool IsTeardown(string name)
    {
        foreach (var part in name.Split('_'))
            if (Array.IndexOf(TeardownWords, part) >= 0) return true;
        return false;
    }

    public static bool IsInert(string name)
    {
        if (IsTeardown(name)) return true;
        if (Names.Contains(name)) return true;
        foreach (var p in Prefixes) if (name.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }
}
