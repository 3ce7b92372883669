using ProbeSim.Checking.Exploration;
using ProbeSim.Checking.Invariants;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.Exploration;

/// <summary>
/// A replay string is checked against the schedule it replays (issue 15: <c>check --replay 99999:5</c> replayed the
/// default schedule and reported "no invariant broken"): a position the run never reaches, or an option its choice
/// point does not offer, is an error naming <c>--replay</c>, never a silent default.
/// </summary>
public class ReplayCheckTests
{
    // two drivers match the uart: one link-order choice point with two options (which registers first)
    static readonly string TwoDrivers = Scenario.Soc("""
        uart: serial@1000 { compatible = "acme,uart", "ns16550a"; reg = <0x1000 0x100>; };
        """);
    const string TwoDriversSet = "drivers:\n  - { compatible: acme,uart, name: acme-uart }\n  - { compatible: ns16550a, name: serial8250 }\n";

    static PreparedBoot Boot() => Scenario.Options(TwoDriversSet).Prepare(Scenario.Tree(TwoDrivers), "test.dts");

    static ExplorationReport Replay(string text, ExplorationOptions? o = null) =>
        new Explorer(Boot(), (o ?? new ExplorationOptions()) with { Replay = ReplayString.Parse(text) }).Run();

    // the default schedule's choice points, as the replay sees them
    static List<Choice> DefaultChoices(ExplorationOptions? o = null)
    {
        o ??= new ExplorationOptions();
        return ScheduleRun.Execute(Boot(), new ExplorationSchedule([], PickMode.Default, o.Faults, kinds: o.Choices), Array.Empty<Invariant>()).Schedule.Choices;
    }

    [Fact]
    public void A_position_past_the_end_of_the_schedule_is_an_error()
    {
        int points = DefaultChoices().Count;
        Assert.Equal(1, points);
        var e = Assert.Throws<ArgumentException>(() => Replay("99999:5"));
        Assert.Equal("--replay: position 99999 is past the end of the schedule (this run has 1 choice point, 0, with this board, --faults and --choices)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Replay($"{points}:1"));
        Assert.StartsWith($"--replay: position {points} is past the end of the schedule", e.Message);
    }

    [Fact]
    public void An_option_the_choice_point_does_not_offer_is_an_error()
    {
        var choices = DefaultChoices();
        int at = choices.FindIndex(c => c.Kind == ChoiceKind.RegisterOrder);
        Assert.True(at >= 0);
        int count = choices[at].Count;
        var e = Assert.Throws<ArgumentException>(() => Replay($"{at}:{count}"));
        Assert.Equal($"--replay: option {count} of choice point {at} (link order) is out of range ({count} options: 0 to {count - 1})", e.Message);
    }

    [Fact]
    public void Positions_count_only_the_choice_points_explored()
    {
        // with --choices faults and no fault there is no choice point at all: any position is past the end
        var o = new ExplorationOptions { Choices = ExplorationOptions.ParseChoices("faults") };
        Assert.Empty(DefaultChoices(o));
        var e = Assert.Throws<ArgumentException>(() => Replay("0:1", o));
        Assert.StartsWith("--replay: position 0 is past the end of the schedule (this run has no choice points", e.Message);
    }

    [Fact]
    public void A_replay_string_a_report_gave_replays_and_breaks_the_same_invariant()
    {
        // the violation is order-dependent: the replay compares its schedule with the default one, as the search did
        var found = new Explorer(Boot(), new ExplorationOptions()).Run();
        var v = Assert.Single(found.Violations);
        Assert.Equal(InvariantTable.OrderDependent, v.Violation.Invariant);
        var r = Replay(v.Replay);
        Assert.Equal(v.Replay, r.Replay);
        Assert.Equal(1, r.Schedules);
        var again = Assert.Single(r.Violations);
        Assert.Equal((v.Violation.Invariant, v.Violation.Device, v.Replay), (again.Violation.Invariant, again.Violation.Device, again.Replay));
        Assert.Empty(Replay("default").Violations);
    }

    [Fact]
    public void The_default_schedule_replays_with_or_without_naming_its_zeros()
    {
        Assert.Equal("default", Replay("default").Replay);
        Assert.Equal("default", Replay("0:0").Replay);
    }

    [Theory]
    [InlineData("1:x", "--replay: '1:x' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)")]
    [InlineData("1", "--replay: '1' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)")]
    [InlineData("-1:1", "--replay: '-1:1' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)")]
    [InlineData("1:1,,2:1", "--replay: an empty entry in '1:1,,2:1' (write POSITION:OPTION,..., e.g. 11:1,14:2, or default)")]
    [InlineData("3:1,3:0", "--replay: position 3 is given twice")]
    [InlineData("2000000:1", "--replay: position 2000000 is past the end of any schedule (at most 1000000)")]
    [InlineData("1:99999999999", "--replay: '1:99999999999' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)")]
    public void A_malformed_replay_string_is_one_line_naming_the_option(string text, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ReplayString.Parse(text));
        Assert.Equal(message, e.Message);
    }
}
