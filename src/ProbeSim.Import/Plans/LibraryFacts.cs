using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>What a modelled library function does for the driver that calls it.</summary>
internal enum LibraryAction
{
    /// <summary>Uses the node's <c>clocks</c> only as parent names: a Request step, Clock, All, NotRequested.</summary>
    ParentClocksByName,
    /// <summary>of_platform_populate and kin: Children OfPopulate (Arg: the match table argument, -1 = default table).</summary>
    Populate,
    /// <summary>mfd_add_devices: one MfdCell step per cell of the array at Arg.</summary>
    MfdCells,
    /// <summary>A bus controller registration: Children BusClients, Detail = the bus.</summary>
    BusClients,
    /// <summary>Creates one platform device; Arg = its name argument (-1 = not an argument).</summary>
    PlatformDevice,
    /// <summary>auxiliary_device_add.</summary>
    AuxiliaryDevice,
    /// <summary>Walk this function in its own file (an early init's helper in the family library).</summary>
    Follow,
}

/// <summary>A library function in another file that many drivers call, with what it does and where it is defined.</summary>
internal sealed record LibraryFact(string Function, string File, int Line, LibraryAction Action, int Arg = -1, string? Detail = null)
{
    public SourceLine Source => new(File, Line);
}

/// <summary>
/// The family libraries the scanner models instead of reading (each fact read from the 6.1 source at the file:line
/// given; a real-source test checks each line still names its function). Calls to them are never "unknown".
/// </summary>
internal static class LibraryFacts
{
    private static readonly Dictionary<string, LibraryFact> Table = new LibraryFact[]
    {
        // qcom_cc_really_probe: registers resets, gdscs and clocks; parents are named in the descriptors, no clk_get
        new("qcom_cc_really_probe", "drivers/clk/qcom/common.c", 237, LibraryAction.ParentClocksByName),
        new("qcom_cc_probe", "drivers/clk/qcom/common.c", 310, LibraryAction.ParentClocksByName),
        new("qcom_cc_probe_by_index", "drivers/clk/qcom/common.c", 322, LibraryAction.ParentClocksByName),
        // rockchip_clk_init: the CRU's clocks are registered with parent names from the branch tables
        new("rockchip_clk_init", "drivers/clk/rockchip/clk.c", 359, LibraryAction.ParentClocksByName),
        // devm_sunxi_ccu_probe → sunxi_ccu_probe: clocks registered by parent name, then the reset controller
        new("devm_sunxi_ccu_probe", "drivers/clk/sunxi-ng/ccu_common.c", 180, LibraryAction.ParentClocksByName),
        new("of_sunxi_ccu_probe", "drivers/clk/sunxi-ng/ccu_common.c", 202, LibraryAction.ParentClocksByName),
        // of_clk_get_parent_name / of_clk_parent_fill / of_clk_get_parent_count read `clocks` as names, never get them
        new("of_clk_get_parent_name", "drivers/clk/clk.c", 5232, LibraryAction.ParentClocksByName),
        new("of_clk_parent_fill", "drivers/clk/clk.c", 5301, LibraryAction.ParentClocksByName),
        new("of_clk_get_parent_count", "drivers/clk/clk.c", 5220, LibraryAction.ParentClocksByName),

        // of_platform_populate(root, matches, lookup, parent); devm_of_platform_populate(dev) uses the default table
        new("of_platform_populate", "drivers/of/platform.c", 465, LibraryAction.Populate, 1),
        new("of_platform_default_populate", "drivers/of/platform.c", 497, LibraryAction.Populate),
        new("devm_of_platform_populate", "drivers/of/platform.c", 669, LibraryAction.Populate),
        // mfd_add_devices(parent, id, cells, n_devs, mem_base, irq_base, domain)
        new("mfd_add_devices", "drivers/mfd/mfd-core.c", 355, LibraryAction.MfdCells, 2),
        new("devm_mfd_add_devices", "drivers/mfd/mfd-core.c", 452, LibraryAction.MfdCells, 2),
        // mfd_add_hotplug_devices(parent, cells, n_devs)
        new("mfd_add_hotplug_devices", "include/linux/mfd/core.h", 149, LibraryAction.MfdCells, 1),

        new("i2c_add_adapter", "drivers/i2c/i2c-core-base.c", 1666, LibraryAction.BusClients, Detail: "i2c"),
        new("i2c_add_numbered_adapter", "drivers/i2c/i2c-core-base.c", 1715, LibraryAction.BusClients, Detail: "i2c"),
        new("devm_i2c_add_adapter", "drivers/i2c/i2c-core-base.c", 1876, LibraryAction.BusClients, Detail: "i2c"),
        new("spi_register_controller", "drivers/spi/spi.c", 3123, LibraryAction.BusClients, Detail: "spi"),
        new("devm_spi_register_controller", "drivers/spi/spi.c", 3272, LibraryAction.BusClients, Detail: "spi"),
        new("spi_register_master", "include/linux/spi/spi.h", 1609, LibraryAction.BusClients, Detail: "spi"),
        new("devm_spi_register_master", "include/linux/spi/spi.h", 1610, LibraryAction.BusClients, Detail: "spi"),
        // sunxi_rsb_probe → of_rsb_register_devices: one RSB device per child node
        new("of_rsb_register_devices", "drivers/bus/sunxi-rsb.c", 578, LibraryAction.BusClients, Detail: "sunxi-rsb"),
        new("spmi_controller_add", "drivers/spmi/spmi.c", 536, LibraryAction.BusClients, Detail: "spmi"),
        new("of_mdiobus_register", "include/linux/of_mdio.h", 20, LibraryAction.BusClients, Detail: "mdio"),
        new("devm_of_mdiobus_register", "include/linux/of_mdio.h", 29, LibraryAction.BusClients, Detail: "mdio"),

        new("platform_device_register_simple", "include/linux/platform_device.h", 166, LibraryAction.PlatformDevice, 0),
        new("platform_device_register_data", "include/linux/platform_device.h", 190, LibraryAction.PlatformDevice, 1),
        new("platform_device_register_resndata", "include/linux/platform_device.h", 125, LibraryAction.PlatformDevice, 1),
        new("platform_device_register_full", "drivers/base/platform.c", 806, LibraryAction.PlatformDevice),
        new("platform_device_alloc", "drivers/base/platform.c", 576, LibraryAction.PlatformDevice, 0),
        // platform_device_register(pdev): the name is the nearest .name = / ->name = before the call
        new("platform_device_register", "drivers/base/platform.c", 775, LibraryAction.PlatformDevice),
        // of_platform_device_create(np, bus_id, parent): one platform device for a given node
        new("of_platform_device_create", "drivers/of/platform.c", 211, LibraryAction.PlatformDevice, 1),
        new("auxiliary_device_add", "include/linux/auxiliary_bus.h", 213, LibraryAction.AuxiliaryDevice),

        // family libraries walked in their own file (their getters become the driver's steps)
        new("qcom_cc_map", "drivers/clk/qcom/common.c", 85, LibraryAction.Follow),
        new("sdhci_pltfm_init", "drivers/mmc/host/sdhci-pltfm.c", 116, LibraryAction.Follow),
        new("sdhci_pltfm_register", "drivers/mmc/host/sdhci-pltfm.c", 173, LibraryAction.Follow),
        new("sdhci_get_property", "drivers/mmc/host/sdhci-pltfm.c", 79, LibraryAction.Follow),
        new("sdhci_get_of_property", "drivers/mmc/host/sdhci-pltfm.h", 92, LibraryAction.Follow),
        new("sdhci_add_host", "drivers/mmc/host/sdhci.c", 4919, LibraryAction.Follow),
        new("sdhci_setup_host", "drivers/mmc/host/sdhci.c", 4274, LibraryAction.Follow),
        new("mmc_of_parse", "drivers/mmc/core/host.c", 275, LibraryAction.Follow),
        new("mmc_regulator_get_supply", "drivers/mmc/core/regulator.c", 245, LibraryAction.Follow),
        new("dw_mci_pltfm_register", "drivers/mmc/host/dw_mmc-pltfm.c", 24, LibraryAction.Follow),
        new("dw_mci_probe", "drivers/mmc/host/dw_mmc.c", 3366, LibraryAction.Follow),

        // early init helpers walked in their own file
        new("rockchip_register_softrst", "drivers/clk/rockchip/softrst.c", 80, LibraryAction.Follow),
        new("rockchip_clk_of_add_provider", "drivers/clk/rockchip/clk.c", 395, LibraryAction.Follow),
    }.ToDictionary(f => f.Function, StringComparer.Ordinal);

    public static LibraryFact? Find(string function) => Table.GetValueOrDefault(function);

    public static IEnumerable<LibraryFact> All => Table.Values;
}
