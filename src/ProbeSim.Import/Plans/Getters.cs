using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>How a getter names what it asks for.</summary>
internal enum GetterLookup
{
    /// <summary>The argument at <see cref="Getter.Arg"/> is a name (a literal → Name; NULL → Index 0).</summary>
    NameArg,
    /// <summary>The argument at <see cref="Getter.Arg"/> is an index.</summary>
    IndexArg,
    /// <summary>Every entry (bulk_get_all, array_get, _all).</summary>
    All,
    /// <summary>Names set at run time in an array (bulk_get): Lookup Name, Name null.</summary>
    Bulk,
    /// <summary>A fixed name (devm_pinctrl_get_select_default → "default").</summary>
    Fixed,
}

/// <summary>A resource getter a probe calls: the subsystem, how the resource is named, and whether it is an *_optional getter.</summary>
internal sealed record Getter(PlanResource Resource, GetterLookup Lookup, int Arg, bool Optional, string? FixedName = null)
{
    /// <summary>The getter itself ignores a failed lookup (pm_clk_add): Optional whatever the caller does.</summary>
    public bool Swallows { get; init; }

    /// <summary>The argument that makes the lookup optional when it is <c>true</c> (of_reset_control_array_get(np, shared, optional, acquired)); -1 = none.</summary>
    public int OptionalArg { get; init; } = -1;

    /// <summary>A request only when its node argument comes from of_parse_phandle (of_find_device_by_node); otherwise inert.</summary>
    public bool NeedsPhandleProperty { get; init; }
}

/// <summary>
/// The consumer getters the scanner recognises (the kernel's consumer APIs of each subsystem). Each is the kernel function
/// of that name; *_optional* getters return NULL for an absent resource (so only real errors, -EPROBE_DEFER among them, reach the caller).
/// </summary>
internal static class Getters
{
    private static readonly Dictionary<string, Getter> Table = Build();

    public static Getter? Find(string name)
    {
        if (Table.TryGetValue(name, out var g)) return g;
        return ResetGetter(name);
    }

    private static Getter G(PlanResource r, GetterLookup l, int arg, bool optional = false, string? fixedName = null) => new(r, l, arg, optional, fixedName);

    private static Dictionary<string, Getter> Build()
    {
        var t = new Dictionary<string, Getter>(StringComparer.Ordinal);
        var clk = PlanResource.Clock;
        // clk_get / devm_clk_get and its variants: (dev, con_id)
        foreach (var n in new[] { "clk_get", "devm_clk_get", "devm_clk_get_enabled", "devm_clk_get_prepared", "clk_get_optional" })
            t[n] = G(clk, GetterLookup.NameArg, 1);
        foreach (var n in new[] { "devm_clk_get_optional", "devm_clk_get_optional_enabled", "devm_clk_get_optional_prepared", "clk_get_optional" })
            t[n] = G(clk, GetterLookup.NameArg, 1, true);
        t["of_clk_get"] = G(clk, GetterLookup.IndexArg, 1);
        t["of_clk_get_by_name"] = G(clk, GetterLookup.NameArg, 1);
        t["devm_get_clk_from_child"] = G(clk, GetterLookup.NameArg, 2);
        t["devm_clk_bulk_get"] = G(clk, GetterLookup.Bulk, 1);
        t["clk_bulk_get"] = G(clk, GetterLookup.Bulk, 1);
        t["devm_clk_bulk_get_optional"] = G(clk, GetterLookup.Bulk, 1, true);
        t["clk_bulk_get_optional"] = G(clk, GetterLookup.Bulk, 1, true);
        // pm_clk_add → pm_clk_acquire (drivers/base/power/clock_ops.c:173): a failed clk_get only marks the entry as an error
        t["pm_clk_add"] = G(clk, GetterLookup.NameArg, 1) with { Swallows = true };
        t["devm_clk_bulk_get_all"] = G(clk, GetterLookup.All, 0);
        t["clk_bulk_get_all"] = G(clk, GetterLookup.All, 0);

        var reg = PlanResource.Regulator;
        foreach (var n in new[] { "devm_regulator_get", "regulator_get", "devm_regulator_get_exclusive", "regulator_get_exclusive", "devm_regulator_get_enable" })
            t[n] = G(reg, GetterLookup.NameArg, 1);
        foreach (var n in new[] { "devm_regulator_get_optional", "regulator_get_optional", "devm_regulator_get_enable_optional" })
            t[n] = G(reg, GetterLookup.NameArg, 1, true);
        t["devm_regulator_bulk_get"] = G(reg, GetterLookup.Bulk, 1);
        t["regulator_bulk_get"] = G(reg, GetterLookup.Bulk, 1);
        t["devm_regulator_bulk_get_const"] = G(reg, GetterLookup.Bulk, 1);
        t["devm_regulator_bulk_get_enable"] = G(reg, GetterLookup.Bulk, 1);

        var pd = PlanResource.PowerDomain;
        t["dev_pm_domain_attach_by_name"] = G(pd, GetterLookup.NameArg, 1);
        t["dev_pm_domain_attach_by_id"] = G(pd, GetterLookup.IndexArg, 1);
        t["genpd_dev_pm_attach_by_name"] = G(pd, GetterLookup.NameArg, 1);
        t["genpd_dev_pm_attach_by_id"] = G(pd, GetterLookup.IndexArg, 1);

        var phy = PlanResource.Phy;
        t["devm_phy_get"] = G(phy, GetterLookup.NameArg, 1);
        t["phy_get"] = G(phy, GetterLookup.NameArg, 1);
        t["devm_phy_optional_get"] = G(phy, GetterLookup.NameArg, 1, true);
        t["phy_optional_get"] = G(phy, GetterLookup.NameArg, 1, true);
        t["devm_of_phy_get"] = G(phy, GetterLookup.NameArg, 2);
        t["of_phy_get"] = G(phy, GetterLookup.NameArg, 1);
        t["devm_of_phy_get_by_index"] = G(phy, GetterLookup.IndexArg, 2);

        var irq = PlanResource.Interrupt;
        t["platform_get_irq"] = G(irq, GetterLookup.IndexArg, 1);
        t["platform_get_irq_optional"] = G(irq, GetterLookup.IndexArg, 1, true);
        t["platform_get_irq_byname"] = G(irq, GetterLookup.NameArg, 1);
        t["platform_get_irq_byname_optional"] = G(irq, GetterLookup.NameArg, 1, true);
        t["irq_of_parse_and_map"] = G(irq, GetterLookup.IndexArg, 1);
        t["of_irq_get"] = G(irq, GetterLookup.IndexArg, 1);
        t["of_irq_get_byname"] = G(irq, GetterLookup.NameArg, 1);
        t["fwnode_irq_get"] = G(irq, GetterLookup.IndexArg, 1);
        // platform_irq_count (drivers/base/platform.c:278): walks every interrupt and returns -EPROBE_DEFER for one not mapped yet
        t["platform_irq_count"] = G(irq, GetterLookup.All, 0);

        var gpio = PlanResource.Gpio;
        foreach (var n in new[] { "devm_gpiod_get", "gpiod_get", "devm_gpiod_get_index", "gpiod_get_index" })
            t[n] = G(gpio, GetterLookup.NameArg, 1);
        foreach (var n in new[] { "devm_gpiod_get_optional", "gpiod_get_optional", "devm_gpiod_get_index_optional", "gpiod_get_index_optional" })
            t[n] = G(gpio, GetterLookup.NameArg, 1, true);
        t["devm_gpiod_get_array"] = G(gpio, GetterLookup.All, 1);
        t["gpiod_get_array"] = G(gpio, GetterLookup.All, 1);
        t["devm_gpiod_get_array_optional"] = G(gpio, GetterLookup.All, 1, true);
        t["gpiod_get_array_optional"] = G(gpio, GetterLookup.All, 1, true);
        t["of_get_named_gpio"] = G(gpio, GetterLookup.NameArg, 1);
        t["devm_fwnode_gpiod_get"] = G(gpio, GetterLookup.NameArg, 2);

        var dma = PlanResource.Dma;
        t["dma_request_chan"] = G(dma, GetterLookup.NameArg, 1);
        t["dma_request_slave_channel"] = G(dma, GetterLookup.NameArg, 1);
        t["devm_dma_request_chan"] = G(dma, GetterLookup.NameArg, 1);
        t["of_dma_request_slave_channel"] = G(dma, GetterLookup.NameArg, 1);

        var iio = PlanResource.IoChannel;
        t["devm_iio_channel_get"] = G(iio, GetterLookup.NameArg, 1);
        t["iio_channel_get"] = G(iio, GetterLookup.NameArg, 1);
        t["iio_channel_get_all"] = G(iio, GetterLookup.All, 0);
        t["devm_iio_channel_get_all"] = G(iio, GetterLookup.All, 0);

        var sys = PlanResource.Syscon;
        t["syscon_regmap_lookup_by_phandle"] = G(sys, GetterLookup.NameArg, 1);
        t["syscon_regmap_lookup_by_phandle_args"] = G(sys, GetterLookup.NameArg, 1);
        t["syscon_regmap_lookup_by_phandle_optional"] = G(sys, GetterLookup.NameArg, 1, true);
        t["syscon_node_to_regmap"] = G(sys, GetterLookup.Bulk, 0);

        var nv = PlanResource.Nvmem;
        t["nvmem_cell_get"] = G(nv, GetterLookup.NameArg, 1);
        t["devm_nvmem_cell_get"] = G(nv, GetterLookup.NameArg, 1);
        t["of_nvmem_cell_get"] = G(nv, GetterLookup.NameArg, 1);
        t["devm_nvmem_device_get"] = G(nv, GetterLookup.NameArg, 1);
        foreach (var n in new[] { "nvmem_cell_read_u8", "nvmem_cell_read_u16", "nvmem_cell_read_u32", "nvmem_cell_read_u64", "nvmem_cell_read_variable_le_u32", "nvmem_cell_read_variable_le_u64" })
            t[n] = G(nv, GetterLookup.NameArg, 1);

        var mbox = PlanResource.Mailbox;
        t["mbox_request_channel"] = G(mbox, GetterLookup.IndexArg, 1);
        t["mbox_request_channel_byname"] = G(mbox, GetterLookup.NameArg, 1);

        var pwm = PlanResource.Pwm;
        t["devm_pwm_get"] = G(pwm, GetterLookup.NameArg, 1);
        t["pwm_get"] = G(pwm, GetterLookup.NameArg, 1);
        t["devm_of_pwm_get"] = G(pwm, GetterLookup.NameArg, 2);

        // mmc_pwrseq_alloc (drivers/mmc/core/pwrseq.c:21): no mmc-pwrseq phandle is fine; one whose device has not
        // registered its pwrseq yet gives -EPROBE_DEFER
        t["mmc_pwrseq_alloc"] = G(PlanResource.Phandle, GetterLookup.Fixed, 0, true, "mmc-pwrseq");

        // extcon_get_edev_by_phandle(dev, index) (drivers/extcon/extcon.c:1376): the extcon device behind `extcon`, -EPROBE_DEFER until it registers
        t["extcon_get_edev_by_phandle"] = G(PlanResource.Phandle, GetterLookup.Fixed, 0, false, "extcon");

        // devm_power_supply_get_by_phandle (drivers/power/supply/power_supply_core.c:542): the supply's device behind the property;
        // NULL until it registers, which drivers turn into -EPROBE_DEFER (drivers/phy/allwinner/phy-sun4i-usb.c:782)
        t["devm_power_supply_get_by_phandle"] = G(PlanResource.Phandle, GetterLookup.NameArg, 1);
        t["power_supply_get_by_phandle"] = G(PlanResource.Phandle, GetterLookup.NameArg, 1);

        // of_find_device_by_node(of_parse_phandle(np, "syscon", 0)) (drivers/of/platform.c:50): the platform device behind a
        // phandle, NULL until it is created; its driver data (dev_get_regmap, platform_get_drvdata) once its driver bound
        t["of_find_device_by_node"] = G(PlanResource.Phandle, GetterLookup.Bulk, 0) with { NeedsPhandleProperty = true };

        var pin = PlanResource.Pinctrl;
        t["devm_pinctrl_get"] = G(pin, GetterLookup.All, 0);
        t["pinctrl_get"] = G(pin, GetterLookup.All, 0);
        t["pinctrl_lookup_state"] = G(pin, GetterLookup.NameArg, 1);
        t["devm_pinctrl_get_select"] = G(pin, GetterLookup.NameArg, 1);
        t["devm_pinctrl_get_select_default"] = G(pin, GetterLookup.Fixed, 0, false, "default");
        return t;
    }

    // reset_control_get family: [devm_|of_]reset_control_{get,array_get,bulk_get}[_exclusive|_shared|_optional_*][_by_index]
    private static Getter? ResetGetter(string name)
    {
        var n = name.StartsWith("devm_", StringComparison.Ordinal) ? name[5..] : name;
        bool of = n.StartsWith("of_", StringComparison.Ordinal);
        if (of) n = n[3..];
        if (!n.StartsWith("reset_control_", StringComparison.Ordinal)) return null;
        var rest = n["reset_control_".Length..];
        bool optional = rest.Contains("optional", StringComparison.Ordinal);
        var r = PlanResource.Reset;
        // [devm_|of_]reset_control_array_get(x, shared, optional[, acquired]) (include/linux/reset.h:65-67): the optional flag is an argument
        if (rest == "array_get") return G(r, GetterLookup.All, 0, optional) with { OptionalArg = 2 };
        if (rest.StartsWith("array_get", StringComparison.Ordinal)) return G(r, GetterLookup.All, 0, optional);
        if (rest.StartsWith("bulk_get", StringComparison.Ordinal)) return G(r, GetterLookup.Bulk, 1, optional);
        if (!rest.StartsWith("get", StringComparison.Ordinal)) return null;
        if (rest.EndsWith("by_index", StringComparison.Ordinal)) return G(r, GetterLookup.IndexArg, 1, optional);
        if (rest.Contains("_count", StringComparison.Ordinal)) return null;
        return G(r, GetterLookup.NameArg, 1, optional);
    }
}
