using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Tests.Boot;
using static ProbeSim.Kernel.Tests.Plans.PlanSim;

namespace ProbeSim.Kernel.Tests.Plans;

/// <summary>Matching on the buses driver-set format 2 added (sunxi-rsb, spmi), by platform_device_id, and AMBA probe-of guards.</summary>
public class ClientBusMatchTests
{
    const string Rsb = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            rsb@1f03400 { compatible = "allwinner,sun8i-a23-rsb"; reg = <0x1f03400 0x400>; #address-cells = <1>; #size-cells = <0>;
                pmic@3a3 { compatible = "x-powers,axp803"; reg = <0x3a3>; };
            };
        };
        """;

    // sunxi_rsb_probe -> of_rsb_register_devices (drivers/bus/sunxi-rsb.c:578)
    static DriverSpec RsbController() => Generic("sunxi-rsb", "allwinner,sun8i-a23-rsb")
        .WithPlan(Children(ChildKind.BusClients, "drivers/bus/sunxi-rsb.c:578", "sunxi-rsb"));

    [Fact]
    public void An_rsb_driver_binds_the_client_by_its_of_table_and_adds_its_cells()
    {
        var drivers = new List<DriverSpec>
        {
            RsbController(),
            // drivers/mfd/axp20x-rsb.c:61 "x-powers,axp803", :69 struct sunxi_rsb_driver; drivers/mfd/axp20x.c:773 the regulator cell
            new DriverSpec { Name = "axp20x-rsb", Bus = DriverBus.SunxiRsb, Compatibles = ["x-powers,axp803"] }
                .WithPlan(Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:773", "axp20x-regulator", id: -1)),
            new DriverSpec { Name = "axp20x-regulator" },
        };
        var r = PlanSim.Boot(Rsb, drivers);
        Assert.Equal(("sunxi-rsb", "axp20x-rsb", DeviceState.Bound), (r.Dev("sunxi-rsb-3a3").Bus, r.Dev("sunxi-rsb-3a3").Driver, r.Dev("sunxi-rsb-3a3").State));
        Assert.Equal(("axp20x-regulator", DeviceState.Bound), (r.Dev("axp20x-regulator").Driver, r.Dev("axp20x-regulator").State));
    }

    [Fact]
    public void With_rsb_drivers_in_the_set_a_platform_driver_no_longer_stands_in_on_that_bus()
    {
        // sunxi_rsb_bus only matches its own drivers (bus_type.match is sunxi_rsb_device_match, drivers/bus/sunxi-rsb.c:135)
        var platformStandIn = Generic("axp-platform", "x-powers,axp803");
        var withRsbDriver = PlanSim.Boot(Rsb, [RsbController(), platformStandIn, new DriverSpec { Name = "other-rsb", Bus = DriverBus.SunxiRsb, Compatibles = ["acme,other"] }]);
        Assert.Equal(DeviceState.NoDriver, withRsbDriver.Dev("sunxi-rsb-3a3").State);
        // a set without any rsb driver (the default set, old tables) keeps the stand-in
        var without = PlanSim.Boot(Rsb, [RsbController(), platformStandIn]);
        Assert.Equal("axp-platform", without.Dev("sunxi-rsb-3a3").Driver);
    }

    [Fact]
    public void An_spmi_driver_binds_the_client_by_its_of_table()
    {
        const string dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                spmi@200f000 { compatible = "qcom,spmi-pmic-arb"; reg = <0x200f000 0x1000>; #address-cells = <2>; #size-cells = <0>;
                    pmic@0 { compatible = "qcom,pm8916", "qcom,spmi-pmic"; reg = <0x0 0>; };
                };
            };
            """;
        var drivers = new List<DriverSpec>
        {
            // spmi_pmic_arb_probe -> spmi_controller_add (drivers/spmi/spmi.c:536)
            Generic("spmi_pmic_arb", "qcom,spmi-pmic-arb").WithPlan(Children(ChildKind.BusClients, "drivers/spmi/spmi.c:536", "spmi")),
            // drivers/mfd/qcom-spmi-pmic.c:53 "qcom,pm8916", :296 struct spmi_driver
            new DriverSpec { Name = "pmic-spmi", Bus = DriverBus.Spmi, Compatibles = ["qcom,pm8916"] },
        };
        var r = PlanSim.Boot(dts, drivers);
        Assert.Equal(("spmi", "pmic-spmi"), (r.Dev("0-00").Bus, r.Dev("0-00").Driver));
    }

    const string Cells = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            pmic@1000 { compatible = "acme,pmic"; reg = <0x1000 0x100>; };
        };
        """;

    static DriverSpec Pmic() => Generic("acme-pmic", "acme,pmic").WithPlan(
        Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:749", "axp221-pek", id: -1),
        Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:595", "axp20x-pek", id: -1));

    [Fact]
    public void A_cell_matches_a_driver_by_its_platform_device_id_table()
    {
        // drivers/input/misc/axp20x-pek.c:398-404: axp_pek_id_match lists "axp20x-pek" and "axp221-pek"; platform_match
        // tries platform_match_id (drivers/base/platform.c:1349-1350)
        var r = PlanSim.Boot(Cells, [Pmic(), new DriverSpec { Name = "axp20x-pek", BusIds = ["axp20x-pek", "axp221-pek"] }]);
        Assert.Equal("axp20x-pek", r.Dev("axp221-pek").Driver);
        Assert.Equal("axp20x-pek", r.Dev("axp20x-pek").Driver);
    }

    [Fact]
    public void With_an_id_table_the_driver_name_is_not_tried()
    {
        // platform_match returns platform_match_id's verdict when the driver has an id_table (drivers/base/platform.c:1349-1353)
        var r = PlanSim.Boot(Cells, [Pmic(), new DriverSpec { Name = "axp20x-pek", BusIds = ["axp221-pek"] }]);
        Assert.Equal(DeviceState.NoDriver, r.Dev("axp20x-pek").State);
        Assert.Equal("axp20x-pek", r.Dev("axp221-pek").Driver);
    }

    [Fact]
    public void A_primecell_without_a_periphid_matches_the_amba_driver_whose_probe_insists_on_its_compatible()
    {
        const string dts = """
            /dts-v1/;
            / { #address-cells = <1>; #size-cells = <1>;
                mhu@2b1f0000 { compatible = "arm,mhu", "arm,primecell"; reg = <0x2b1f0000 0x1000>; };
            };
            """;
        var imported = new ImportedKernel
        {
            Manifest = new ImportManifest { FormatVersion = 2, KernelVersion = "6.1.192", Arch = "arm64", Command = "test", Generator = "test" },
            Drivers =
            [
                new ImportedDriver { Id = "drivers/mailbox/arm_mhu.c:arm_mhu_driver", Name = "mhu", Bus = ImportedBus.Amba, Status = BuildStatus.BuiltIn, Source = new("drivers/mailbox/arm_mhu.c", 165) },
                new ImportedDriver { Id = "drivers/mailbox/arm_mhu_db.c:arm_mhu_db_driver", Name = "mhu-doorbell", Bus = ImportedBus.Amba, Status = BuildStatus.BuiltIn, Source = new("drivers/mailbox/arm_mhu_db.c", 340) },
            ],
            Matches =
            [
                // both id tables hold 0x1bb098 (arm_mhu.c:157, arm_mhu_db.c:332); the probes check arm,mhu (:117) / arm,mhu-doorbell (:259)
                new ImportedMatch("drivers/mailbox/arm_mhu.c:arm_mhu_driver", MatchKind.Amba, "001bb098/00ffffff", 0, new("drivers/mailbox/arm_mhu.c", 157)),
                new ImportedMatch("drivers/mailbox/arm_mhu.c:arm_mhu_driver", MatchKind.ProbeOf, "arm,mhu", 1, new("drivers/mailbox/arm_mhu.c", 117)),
                new ImportedMatch("drivers/mailbox/arm_mhu_db.c:arm_mhu_db_driver", MatchKind.Amba, "001bb098/00ffffff", 0, new("drivers/mailbox/arm_mhu_db.c", 332)),
                new ImportedMatch("drivers/mailbox/arm_mhu_db.c:arm_mhu_db_driver", MatchKind.ProbeOf, "arm,mhu-doorbell", 1, new("drivers/mailbox/arm_mhu_db.c", 259)),
            ],
            Plans = [], EarlyInits = [], Unknowns = [],
        };
        var r = PlanSim.Boot(dts, ImportedSpecs.Drivers(imported, null));
        Assert.Equal(("mhu", DeviceState.Bound), (r.Dev("2b1f0000.mhu").Driver, r.Dev("2b1f0000.mhu").State));
    }
}

/// <summary>MFD cell sets picked by the variant in the OF match data (switch (variant) { case X: cells = x_cells; }).</summary>
public class CellVariantTests
{
    const string Dts = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            pmic@1000 { compatible = "x-powers,axp803"; reg = <0x1000 0x100>; };
        };
        """;

    // drivers/mfd/axp20x.c:860 variant = of_id->data; :877 case AXP202_ID (with AXP209_ID), :903-905 case AXP803_ID: axp803_cells
    static DriverSpec Pmic(bool withData) => new DriverSpec
    {
        Name = "axp20x-rsb-like",
        Compatibles = ["x-powers,axp803"],
        // drivers/mfd/axp20x-rsb.c:61 .data = (void *)AXP803_ID
        OfMatchData = withData ? new Dictionary<string, string> { ["x-powers,axp803"] = "AXP803_ID" } : new Dictionary<string, string>(),
    }.WithPlan(
        Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:595", "axp20x-pek", id: -1) with { When = "AXP202_ID,AXP209_ID" },
        Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:749", "axp221-pek", id: -1) with { When = "AXP803_ID" },
        Children(ChildKind.MfdCell, "drivers/mfd/axp20x.c:743", "axp288_pmic_acpi", id: -1) with { When = "default" });

    [Fact]
    public void Only_the_set_of_the_matched_variant_is_added()
    {
        var r = PlanSim.Boot(Dts, [Pmic(withData: true)]);
        Assert.Equal(DeviceState.NoDriver, r.Dev("axp221-pek").State);
        Assert.DoesNotContain(r.Devices, d => d.Name is "axp20x-pek" or "axp288_pmic_acpi");
    }

    [Fact]
    public void With_the_variant_unknown_every_set_stays()
    {
        var r = PlanSim.Boot(Dts, [Pmic(withData: false)]);
        Assert.Contains(r.Devices, d => d.Name == "axp20x-pek");
        Assert.Contains(r.Devices, d => d.Name == "axp221-pek");
    }
}

/// <summary>amba_match (v6.0+) on a primecell whose id is read from its registers.</summary>
public class AmbaPeriphidTests
{
    // SDM845 CoreSight (arch/arm64/boot/dts/qcom/sdm845.dtsi stm@6002000): apb_pclk from the AOSS QMP, no periphid property
    const string Dts = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            qmp: power-controller@c300000 { compatible = "qcom,aoss-qmp"; reg = <0xc300000 0x400>; #clock-cells = <0>; };
            stm@6002000 { compatible = "arm,coresight-stm", "arm,primecell"; reg = <0x6002000 0x1000>;
                clocks = <&qmp>; clock-names = "apb_pclk"; };
        };
        """;

    // an AMBA driver matched by id only (drivers/tty/serial/amba-pl011.c:2982-2985 pl011_ids: 0x00041011/0x000fffff): amba_match runs for it
    static readonly DriverSpec Pl011 = new() { Name = "uart-pl011", Bus = DriverBus.Amba, AmbaIds = [new AmbaId(0x00041011, 0x000fffff)] };

    [Fact]
    public void A_primecell_retried_after_its_apb_pclk_registers_and_taken_by_no_table_is_not_deferred_and_is_a_guess()
    {
        // deferred_probe_work_func takes the device off the pending list before bus_probe_device (drivers/base/dd.c:102-123);
        // amba_match then reads the periphid (drivers/amba/bus.c:213-226) and no id table here takes it: not deferred.
        // Which id-matched driver a real board binds depends on the id in the device's registers.
        var r = PlanSim.Boot(Dts, new[] { PlanSim.Generic("qcom_aoss_qmp", "qcom,aoss-qmp"), Pl011 });
        var stm = r.Dev("6002000.stm");
        Assert.Equal((DeviceState.NoDriver, OutcomeBasis.Guessed, BasisGap.AmbaPeriphidFromHardware), (stm.State, stm.Basis, stm.BasisGap));
        Assert.DoesNotContain(r.DevicesDeferred ?? [], d => d.Device == "6002000.stm");
    }

    [Fact]
    public void A_primecell_whose_apb_pclk_never_registers_stays_deferred()
    {
        var r = PlanSim.Boot(Dts, new[] { Pl011 });
        Assert.Equal(DeviceState.Deferred, r.Dev("6002000.stm").State);
    }
}
