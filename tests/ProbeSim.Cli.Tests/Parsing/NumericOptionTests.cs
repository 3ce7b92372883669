using System.CommandLine;
using System.Globalization;
using ProbeSim.Cli.Parsing;

namespace ProbeSim.Cli.Tests.Parsing;

/// <summary>
/// Every numeric option of every command, given a word that is no number and a number out of its range, ends in one
/// line naming the option and its range, one line pointing at the command's help, and exit 1 (issue 15: an oversized
/// --budget printed <c>'System.Nullable`1[System.Int32]'</c> and the whole help).
/// </summary>
public class NumericOptionTests
{
    private static readonly Type[] Numeric = [typeof(int), typeof(int?), typeof(uint), typeof(uint?), typeof(long), typeof(long?), typeof(double), typeof(double?)];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, option) in NumericOptions())
            foreach (var bad in Outside(option))
                data.Add(path, option.Name, bad);
        return data;
    }

    private static IEnumerable<(string Path, Option Option)> NumericOptions()
    {
        var root = Program.CreateRoot(new CliIo(TextWriter.Null, TextWriter.Null), new GlobalOptions());
        var found = new List<(string, Option)>();
        void Walk(Command c, string path)
        {
            foreach (var o in c.Options.Where(o => Numeric.Contains(o.ValueType))) found.Add((path, o));
            foreach (var s in c.Subcommands) Walk(s, (path + " " + s.Name).Trim());
        }
        Walk(root, "");
        return found;
    }

    // a word, then just past each end of the range (a range the type cannot hold is limited by the type: past it is out too)
    private static IEnumerable<string> Outside(Option option)
    {
        yield return "many";
        switch (option)
        {
            case WholeNumberOption<int> i:
                yield return Text(i.Max + 1);
                yield return Text(i.Min - 1);
                break;
            case WholeNumberOption<uint> u:
                yield return Text(u.Max + 1);
                yield return Text(u.Min - 1);
                break;
            case SecondsOption s:
                yield return "0";
                yield return (s.Max * 10).ToString("R", CultureInfo.InvariantCulture);
                yield return "1e308";
                break;
        }
    }

    private static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void The_tree_has_the_numeric_options_the_issue_names_and_each_says_its_range()
    {
        var options = NumericOptions().Select(x => $"{x.Path} {x.Option.Name}".Trim()).ToList();
        foreach (var o in new[] { "check --budget", "check --time", "check --seed", "corpus boot --jobs", "corpus build --jobs", "diff --jobs", "dtc -b", "dtc -p", "dtc -S", "dtc -a", "dtc -R" })
            Assert.Contains(o, options);
        // a numeric option declared without a range would fall back to System.CommandLine's message again
        Assert.All(NumericOptions(), x => Assert.IsAssignableFrom<IAcceptedValues>(x.Option));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_number_is_one_line_naming_the_option_then_the_help_hint(string path, string option, string value)
    {
        var args = path.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat([option, value]).ToArray();
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Out);
        var lines = r.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"probesim: {path}: {option} takes ", lines[0]);
        Assert.EndsWith($", not '{value}'", lines[0]);
        Assert.Equal($"see 'probesim {path} --help'", lines[1]);
    }

    [Fact]
    public void The_oversized_budget_of_the_issue()
    {
        var r = CliRunner.Run("check", "--budget", "99999999999");
        Assert.Equal("probesim: check: --budget takes a whole number from 1 to 2147483647, not '99999999999'\nsee 'probesim check --help'\n",
            r.Err.ReplaceLineEndings("\n"));
    }

    [Theory]
    // dtc reads its numbers with strtol(optarg, NULL, 0) (dtc.c), which takes 0x hexadecimal and 0 octal
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("16", 16)]
    public void Dtc_numbers_are_read_as_strtol_with_base_0_reads_them(string text, long value) =>
        Assert.Equal(value, WholeNumberOption<int>.Read(text, cStyle: true));

    [Theory]
    [InlineData("08")]
    [InlineData("0x")]
    [InlineData("12abc")]
    [InlineData("0xffffffffffffffffff")]
    [InlineData("")]
    public void A_number_with_anything_after_it_is_no_number(string text) => Assert.Null(WholeNumberOption<int>.Read(text, cStyle: true));

    [Fact]
    public void An_alignment_must_be_a_power_of_two_as_dtc_asks()
    {
        var r = CliRunner.Run("dtc", "-a", "3", "x.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("probesim: dtc: -a takes a power of two from 1 to 1073741824", r.Err);
    }

    [Fact]
    public void A_time_limit_too_long_for_a_timespan_is_refused_before_the_run()
    {
        // 1e308 seconds overflowed TimeSpan.FromSeconds: exit 70, an internal error
        var r = CliRunner.Run("check", "--time", "1e308");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("probesim: check: --time takes a number of seconds above 0 and at most 1000000000, not '1e308'", r.Err);
    }
}
