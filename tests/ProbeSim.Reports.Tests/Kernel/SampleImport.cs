using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.Tests.KernelDrivers;

/// <summary>
/// Hand-built imports for the report tests. The RK3399 CRU and the RK808 are facts of Debian's 6.1.192 source
/// (file:line below); <c>foo</c> and the two <c>vendor,shared</c> drivers are made up to show an incomplete plan and a
/// compatible two drivers match.
/// </summary>
public static class SampleImport
{
    public const string Rk3399Clk = "drivers/clk/rockchip/clk-rk3399.c:clk_rk3399_driver";
    public const string Rk808 = "drivers/mfd/rk808.c:rk808_i2c_driver";
    public const string Foo = "drivers/x.c:foo_driver";

    private const string Cru = "drivers/clk/rockchip/clk-rk3399.c";
    private const string Mfd = "drivers/mfd/rk808.c";

    public static ImportManifest Manifest { get; } = new()
    {
        FormatVersion = 1,
        KernelVersion = "6.1.192",
        Release = "6.1.0-56-arm64",
        Arch = "arm64",
        Command = "probesim kernel import",
        Generator = "test",
    };

    public static ImportedKernel Kernel() => new()
    {
        Manifest = Manifest,
        Drivers =
        [
            // clk-rk3399.c:1651-1658: platform_driver "clk-rk3399", builtin_platform_driver_probe (device_initcall)
            new ImportedDriver
            {
                Id = Rk3399Clk, Name = "clk-rk3399", Bus = ImportedBus.Platform, Status = BuildStatus.BuiltIn,
                Initcall = InitcallLevel.Device, ProbeFunction = "clk_rk3399_probe", Source = new(Cru, 1651),
            },
            // rk808.c:858-869: i2c_driver "rk808", module_i2c_driver; CONFIG_MFD_RK808=y in Debian's config
            new ImportedDriver
            {
                Id = Rk808, Name = "rk808", Bus = ImportedBus.I2c, Status = BuildStatus.BuiltIn, Module = "rk808",
                Initcall = InitcallLevel.Device, ProbeFunction = "rk808_probe", Source = new(Mfd, 858),
            },
            new ImportedDriver
            {
                Id = Foo, Name = "foo", Bus = ImportedBus.Platform, Status = BuildStatus.Module, Module = "foo",
                Initcall = null, ProbeFunction = "foo_probe", AsyncProbe = true, Source = new("drivers/x.c", 200),
            },
            new ImportedDriver
            {
                Id = "drivers/a/one.c:one_driver", Name = "shared", Bus = ImportedBus.Platform, Status = BuildStatus.BuiltIn,
                Initcall = InitcallLevel.Device, ProbeFunction = "one_probe", Source = new("drivers/a/one.c", 50),
            },
            new ImportedDriver
            {
                Id = "drivers/b/two.c:two_driver", Name = "shared", Bus = ImportedBus.Platform, Status = BuildStatus.NotBuilt,
                Initcall = InitcallLevel.Device, Source = new("drivers/b/two.c", 70), DriverManagedDma = true,
            },
            new ImportedDriver
            {
                Id = "drivers/amba/pl330.c:pl330_driver", Name = "dma-pl330", Bus = ImportedBus.Amba, Status = BuildStatus.BuiltIn,
                Initcall = InitcallLevel.Device, ProbeFunction = "pl330_probe", Source = new("drivers/amba/pl330.c", 3000),
            },
        ],
        Matches =
        [
            // clk-rk3399.c:1625, 1628: the of_device_id table, in order
            new(Rk3399Clk, MatchKind.Of, "rockchip,rk3399-pmucru", 1, new(Cru, 1628)),
            new(Rk3399Clk, MatchKind.Of, "rockchip,rk3399-cru", 0, new(Cru, 1625)),
            // rk808.c:634-638
            new(Rk808, MatchKind.Of, "rockchip,rk805", 0, new(Mfd, 634)),
            new(Rk808, MatchKind.Of, "rockchip,rk808", 1, new(Mfd, 635)),
            new(Foo, MatchKind.Of, "vendor,foo", 0, new("drivers/x.c", 180)),
            new(Foo, MatchKind.I2c, "foo-i2c", 1, new("drivers/x.c", 185)),
            new("drivers/a/one.c:one_driver", MatchKind.Of, "vendor,shared", 0, new("drivers/a/one.c", 40)),
            new("drivers/b/two.c:two_driver", MatchKind.Of, "vendor,shared", 0, new("drivers/b/two.c", 60)) { NodeName = "dma" },
            new("drivers/amba/pl330.c:pl330_driver", MatchKind.Amba, "00041330/000fffff", 0, new("drivers/amba/pl330.c", 2990)),
        ],
        EarlyInits =
        [
            // clk-rk3399.c:1575 CLK_OF_DECLARE; rk3399_clk_init (1531) registers the clocks and, at 1568, the reset controller
            new ImportedEarlyInit
            {
                Table = EarlyTable.Clk, Compatible = "rockchip,rk3399-cru", InitFunction = "rk3399_clk_init", Status = BuildStatus.BuiltIn,
                Provides = [EarlyProvides.Clock, EarlyProvides.Reset], Source = new(Cru, 1575),
            },
            new ImportedEarlyInit
            {
                Table = EarlyTable.Irqchip, Compatible = "vendor,early-only", InitFunction = "early_only_init", Status = BuildStatus.BuiltIn,
                LeavesNodeToDriver = true, Source = new("drivers/irqchip/early.c", 10),
            },
        ],
        Plans =
        [
            // clk_rk3399_probe (clk-rk3399.c:1634) requests nothing: it runs the init of the match data
            new ProbePlan(Rk3399Clk, [], Complete: true),
            // rk808_probe: devm_mfd_add_devices at rk808.c:763 with the rk808s cells (154-162); rk808-regulator finds
            // its "regulators" subnode by name (drivers/regulator/rk808-regulator.c:690)
            new ProbePlan(Rk808,
            [
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "rk808-clkout", Function = "rk808_probe", Source = new(Mfd, 763) },
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "rk808-regulator", NodeName = "regulators", Function = "rk808_probe", Source = new(Mfd, 763) },
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "rk808-rtc", Function = "rk808_probe", Source = new(Mfd, 763) },
            ], Complete: true),
            new ProbePlan(Foo,
            [
                new PlanStep
                {
                    Kind = PlanStepKind.Request, Resource = PlanResource.Clock, Lookup = PlanLookup.Name, Name = "ahb", Policy = PlanPolicy.Required,
                    Message = new PlanMessage(PlanMessageKind.DevErrProbe, "failed to get ahb clock"), Function = "foo_probe", Source = new("drivers/x.c", 123),
                },
                new PlanStep
                {
                    Kind = PlanStepKind.Request, Resource = PlanResource.Reset, Lookup = PlanLookup.Index, Index = 0, Policy = PlanPolicy.OptionalDeferPropagates,
                    Function = "foo_probe", Source = new("drivers/x.c", 130),
                },
                new PlanStep { Kind = PlanStepKind.Unknown, Message = PlanMessage.Note("calls foo_lib_init through a function pointer"), Function = "foo_probe", Source = new("drivers/x.c", 140) },
                new PlanStep { Kind = PlanStepKind.Defer, Message = new PlanMessage(PlanMessageKind.DevErrProbe, "waiting for the PHY"), Function = "foo_setup", Source = new("drivers/x.c", 90) },
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.OfPopulate, Function = "foo_probe", Source = new("drivers/x.c", 150) },
            ], Complete: false),
        ],
        Unknowns =
        [
            new ImportedUnknown(Foo, "initcall", "registered from a macro the scanner does not expand", new SourceLine("drivers/x.c", 210)) { Cause = UnknownCause.InitcallUnreached },
            new ImportedUnknown("drivers/x.c", "build", "#if on a symbol the config does not set", new SourceLine("drivers/x.c", 5)) { Cause = UnknownCause.KbuildUnevaluated },
            new ImportedUnknown("drivers/other.c:other_driver", "initcall", "registered from a macro the scanner does not expand", null) { Cause = UnknownCause.InitcallUnreached },
            new ImportedUnknown("drivers/other.c:other_driver", "probe", "no .probe", null) { Cause = UnknownCause.NoProbe },
            new ImportedUnknown("drivers/other.c:other_driver", "match-entry", "pci_device_id entry not read: PCI_DEVICE(A, B)", new SourceLine("drivers/other.c", 12)) { Cause = UnknownCause.EntryUnread },
            new ImportedUnknown("drivers/other.c:other_driver", "match-entry", "pci_device_id entry not read: PCI_DEVICE(C, D)", new SourceLine("drivers/other.c", 13)) { Cause = UnknownCause.EntryUnread },
        ],
    };
}
