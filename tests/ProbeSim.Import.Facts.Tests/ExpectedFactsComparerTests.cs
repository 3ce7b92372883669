using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

public class ExpectedFactsComparerTests
{
    private const string Id = "drivers/mfd/rk808.c:rk808_i2c_driver";
    private static readonly SourceLine L = new("drivers/mfd/rk808.c", 1);

    private static ExpectedDriver Expected() => new()
    {
        Id = Id,
        Driver = "rk808",
        Bus = ImportedBus.I2c,
        Status = BuildStatus.BuiltIn,
        StatusBecause = "test",
        Initcall = InitcallLevel.Device,
        OfCompatibles = new[] { "rockchip,rk805", "rockchip,rk808" },
        BusIds = Array.Empty<string>(),
        Probe = "rk808_probe",
        Requests = new[]
        {
            new ExpectedRequest(PlanResource.Interrupt, PlanLookup.Index, PlanPolicy.Required, L) { Call = "client->irq", Index = 0 },
            new ExpectedRequest(PlanResource.Gpio, PlanLookup.Name, PlanPolicy.OptionalDeferPropagates, L) { Call = "devm_gpiod_get_optional", Name = "reset" },
        },
        Children = new[] { new ExpectedChild(ChildKind.MfdCell, L) { Name = "rk808-regulator" } },
        Defers = new[] { new ExpectedDefer("failed to get reset", L) },
        Early = new[] { new ExpectedEarly(EarlyTable.ClkDriver, "rockchip,rk808-clk", "rk808_clk_init", L) { Declare = "rk808_clk", Provides = new[] { EarlyProvides.Clock }, LeavesNode = true } },
    };

    /// <summary>A hand-built import that agrees with <see cref="Expected"/> in every compared fact.</summary>
    private static ImportedKernel Agreeing() => new()
    {
        Manifest = new ImportManifest { FormatVersion = 1, KernelVersion = "6.1.192", Arch = "arm64", Command = "test", Generator = "test" },
        Drivers = new[]
        {
            new ImportedDriver
            {
                Id = Id, Name = "rk808", Bus = ImportedBus.I2c, Status = BuildStatus.BuiltIn, Initcall = InitcallLevel.Device,
                ProbeFunction = "rk808_probe", Source = L,
            },
        },
        Matches = new[]
        {
            new ImportedMatch(Id, MatchKind.Of, "rockchip,rk805", 0, L),
            new ImportedMatch(Id, MatchKind.Of, "rockchip,rk808", 1, L),
            new ImportedMatch(Id, MatchKind.Acpi, "RK0808", 2, L),
        },
        Plans = new[]
        {
            new ProbePlan(Id, new[]
            {
                new PlanStep { Kind = PlanStepKind.Request, Resource = PlanResource.Interrupt, Lookup = PlanLookup.Index, Index = 0, Policy = PlanPolicy.Required, Source = L },
                new PlanStep { Kind = PlanStepKind.Defer, Message = new PlanMessage(PlanMessageKind.DevErrProbe, "failed to get reset gpio"), Source = L },
                new PlanStep { Kind = PlanStepKind.Request, Resource = PlanResource.Gpio, Lookup = PlanLookup.Name, Name = "reset", Policy = PlanPolicy.OptionalDeferPropagates, Source = L },
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "rk808-regulator", Source = L },
            }, Complete: true),
        },
        EarlyInits = new[]
        {
            new ImportedEarlyInit
            {
                Table = EarlyTable.ClkDriver, Compatible = "rockchip,rk808-clk", InitFunction = "rk808_clk_of_clk_init_driver",
                Status = BuildStatus.BuiltIn, Provides = new[] { EarlyProvides.Clock }, LeavesNodeToDriver = true, Source = L,
            },
        },
    };

    [Fact]
    public void An_import_that_agrees_has_no_differences()
    {
        Assert.Empty(ExpectedFactsComparer.Compare(Expected(), Agreeing()));
    }

    [Fact]
    public void A_missing_driver_is_one_difference()
    {
        var k = Agreeing() with { Drivers = Array.Empty<ImportedDriver>() };
        var d = Assert.Single(ExpectedFactsComparer.Compare(Expected(), k));
        Assert.Equal(Id + ": driver not imported", d);
    }

    [Fact]
    public void Status_async_and_managed_dma_differences_are_named()
    {
        var k = Agreeing();
        k = k with { Drivers = new[] { k.Drivers[0] with { Status = BuildStatus.Module, AsyncProbe = true, DriverManagedDma = true } } };
        var diffs = ExpectedFactsComparer.Compare(Expected(), k);
        Assert.Contains(Id + ": status expected built-in, imported module", diffs);
        Assert.Contains(Id + ": async probe expected false, imported true", diffs);
        Assert.Contains(Id + ": driver_managed_dma expected false, imported true", diffs);
        Assert.Equal(3, diffs.Count);
    }

    [Fact]
    public void Compatibles_out_of_table_order_differ()
    {
        var k = Agreeing();
        k = k with
        {
            Matches = new[]
            {
                new ImportedMatch(Id, MatchKind.Of, "rockchip,rk808", 0, L),
                new ImportedMatch(Id, MatchKind.Of, "rockchip,rk805", 1, L),
            },
        };
        var d = Assert.Single(ExpectedFactsComparer.Compare(Expected(), k));
        Assert.StartsWith(Id + ": of compatibles expected rockchip,rk805, rockchip,rk808", d);
    }

    [Fact]
    public void A_request_with_another_policy_or_name_differs_and_a_missing_one_changes_the_count()
    {
        var k = Agreeing();
        var steps = k.Plans[0].Steps.ToArray();
        steps[2] = steps[2] with { Policy = PlanPolicy.Required, Name = "enable" };
        var diffs = ExpectedFactsComparer.Compare(Expected(), k with { Plans = new[] { k.Plans[0] with { Steps = steps } } });
        var d = Assert.Single(diffs);
        Assert.Contains("request 1", d);
        Assert.Contains("gpio/name/optional-defer-propagates \"reset\"", d);
        Assert.Contains("gpio/name/required \"enable\"", d);

        var fewer = k.Plans[0].Steps.Where((_, i) => i != 0).ToArray();
        diffs = ExpectedFactsComparer.Compare(Expected(), k with { Plans = new[] { k.Plans[0] with { Steps = fewer } } });
        Assert.Contains(Id + ": request count expected 2, imported 1", diffs);
    }

    [Fact]
    public void Missing_children_and_a_missing_plan_are_named()
    {
        var k = Agreeing();
        var noChild = k.Plans[0].Steps.Where(s => s.Kind != PlanStepKind.Children).ToArray();
        Assert.Contains(Id + ": child count expected 1, imported 0",
            ExpectedFactsComparer.Compare(Expected(), k with { Plans = new[] { k.Plans[0] with { Steps = noChild } } }));
        Assert.Contains(Id + ": no probe plan imported",
            ExpectedFactsComparer.Compare(Expected(), k with { Plans = Array.Empty<ProbePlan>() }));
    }

    [Fact]
    public void Early_provides_and_leaves_node_are_compared()
    {
        var k = Agreeing();
        var early = k.EarlyInits[0] with { Provides = new[] { EarlyProvides.Clock, EarlyProvides.Reset }, LeavesNodeToDriver = false };
        var diffs = ExpectedFactsComparer.Compare(Expected(), k with { EarlyInits = new[] { early } });
        Assert.Contains(Id + ": early rockchip,rk808-clk: provides expected [clock], imported [clock, reset]", diffs);
        Assert.Contains(Id + ": early rockchip,rk808-clk: leaves node to a driver expected true, imported false", diffs);
        Assert.Contains(Id + ": early clk-driver rockchip,rk808-clk (drivers/mfd/rk808.c:1) not imported",
            ExpectedFactsComparer.Compare(Expected(), k with { EarlyInits = Array.Empty<ImportedEarlyInit>() }));
    }

    [Fact]
    public void An_early_only_entry_checks_no_driver()
    {
        var e = Expected() with { Bus = null, Driver = null, Requests = Array.Empty<ExpectedRequest>(), Children = Array.Empty<ExpectedChild>() };
        var k = Agreeing() with { Drivers = Array.Empty<ImportedDriver>(), Plans = Array.Empty<ProbePlan>() };
        Assert.Empty(ExpectedFactsComparer.Compare(e, k));
    }

    [Fact]
    public void A_deferral_text_the_plan_lacks_is_named()
    {
        var e = Expected() with { Defers = new[] { new ExpectedDefer("no such text", L) } };
        var d = Assert.Single(ExpectedFactsComparer.Compare(e, Agreeing()));
        Assert.Contains("\"no such text\"", d);
    }

    [Fact]
    public void CompareAll_joins_the_differences_of_every_driver()
    {
        var other = Expected() with { Id = "drivers/x.c:x_driver" };
        var diffs = ExpectedFactsComparer.CompareAll(new[] { Expected(), other }, Agreeing());
        Assert.Equal(new[] { "drivers/x.c:x_driver: driver not imported" }, diffs);
    }

    [Fact]
    public void A_builtin_module_name_is_compared_too()
    {
        var e = Expected() with { Module = "rk808" };
        Assert.Equal(new[] { Id + ": module expected rk808, imported null" }, ExpectedFactsComparer.Compare(e, Agreeing()));
    }

    [Fact]
    public void Prevent_deferred_probe_and_registered_by_are_compared()
    {
        var e = Expected() with { PreventDeferredProbe = true, RegisteredBy = "drivers/mfd/rk808.c:rk808_init" };
        var diffs = ExpectedFactsComparer.Compare(e, Agreeing());
        Assert.Contains(Id + ": prevent_deferred_probe expected true, imported false", diffs);
        Assert.Contains(Id + ": registered by expected drivers/mfd/rk808.c:rk808_init, imported null", diffs);
        Assert.Equal(2, diffs.Count);
    }
}
