namespace ProbeSim.Cli.Tests.Parsing;

/// <summary>
/// Every parse error is one line naming the option, argument or command and what it accepts, then one line
/// <c>see 'probesim COMMAND --help'</c>, exit 1: never System.CommandLine's message(s) and the whole help (issue 15, item 4).
/// </summary>
public class ParseErrorTests
{
    private static (string First, string Second) TwoLines(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 1, $"probesim {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Err}");
        Assert.Equal("", r.Out);
        var lines = r.Err.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 2, $"probesim {string.Join(' ', args)}: {lines.Length} lines\n{r.Err}");
        return (lines[0], lines[1]);
    }

    [Theory]
    // unknown options, with the one meant when it is close
    [InlineData("probesim: check: unknown option '--budgit' (did you mean --budget?)", "check", "--budgit", "5")]
    [InlineData("probesim: boot: unknown option '--jsn' (did you mean --json?)", "boot", "--jsn", "out.json")]
    [InlineData("probesim: boot: unknown option '--frobnicate'", "boot", "--frobnicate")]
    [InlineData("probesim: boot: unknown option '--frobnicate'", "boot", "board.dts", "--frobnicate=3")]
    [InlineData("probesim: corpus boot: unknown option '--include-dir'", "corpus", "boot", "--include-dir", "x")]
    // unknown commands
    [InlineData("probesim: unknown command 'bot' (did you mean boot?)", "bot")]
    [InlineData("probesim: unknown command 'frobnicate' (commands: dtc, fdtoverlay, corpus, boot, profiles, explain, vfio, check, invariants, completion, diff, kernel)", "frobnicate")]
    [InlineData("probesim: corpus: unknown command 'nosuch' (commands: build, boot)", "corpus", "nosuch")]
    // too many arguments
    [InlineData("probesim: check: too many arguments: 'b.dts' (check takes [BOARD])", "check", "a.dts", "b.dts")]
    [InlineData("probesim: invariants: too many arguments: 'x' (invariants takes no arguments)", "invariants", "x")]
    [InlineData("probesim: explain: too many arguments: 'c' (explain takes BOARD DEVICE)", "explain", "a", "b", "c")]
    // missing arguments, options and commands
    [InlineData("probesim: missing command: dtc, fdtoverlay, corpus, boot, profiles, explain, vfio, check, invariants, completion, diff or kernel")]
    [InlineData("probesim: corpus: missing command: build or boot", "corpus")]
    [InlineData("probesim: explain: missing DEVICE: device name (e6740000.iommu), DT path (/soc/iommu@e6740000) or label (ipmmu_mx)", "explain", "board.dts")]
    [InlineData("probesim: dtc: missing INPUT: input file (.dts, .dtso or .dtb; - for standard input)", "dtc")]
    [InlineData("probesim: completion: missing SHELL: bash, zsh, fish or powershell", "completion")]
    [InlineData("probesim: corpus build: --arch is required: architecture directory under src/ (arm64, arm, riscv)", "corpus", "build", "root", "-o", "out")]
    [InlineData("probesim: fdtoverlay: -o is required: output blob (- for standard output)", "fdtoverlay", "-i", "base.dtb", "o.dtbo")]
    // an option without its value, given twice, or with another option as its value
    [InlineData("probesim: check: --budget needs a value: a whole number from 1 to 2147483647", "check", "--budget")]
    [InlineData("probesim: boot: -p needs a value: kernel behaviour profile (probesim profiles lists them; default v6.6)", "boot", "-p")]
    [InlineData("probesim: boot: --profile is given more than once ('v6.1', 'v6.6'): give it once", "boot", "--profile", "v6.1", "--profile", "v6.6")]
    [InlineData("probesim: check: --budget needs a value: a whole number from 1 to 2147483647 ('--seed' is an option)", "check", "--budget", "--seed", "3")]
    [InlineData("probesim: boot: --log takes no value, not 'maybe'", "boot", "--log=maybe")]
    // values out of a fixed set
    [InlineData("probesim: check: --strategy takes exhaustive, random or pct, not 'smart'", "check", "--strategy", "smart")]
    [InlineData("probesim: boot: --log-level takes err, warn, notice, info or debug, not 'loud'", "boot", "--log", "--log-level", "loud")]
    [InlineData("probesim: boot: --arch takes arm, arm64 or x86_64, not 'x86'", "boot", "--arch", "x86")]
    [InlineData("probesim: explain: --arch takes arm, arm64 or x86_64, not 'riscv'", "explain", "b.dts", "dev", "--arch", "riscv")]
    [InlineData("probesim: dtc: -I takes dts or dtb, not 'xml'", "dtc", "-I", "xml", "x.dts")]
    [InlineData("probesim: dtc: -O takes dts or dtb, not 'asm'", "dtc", "-O", "asm", "x.dts")]
    [InlineData("probesim: completion: SHELL takes bash, zsh, fish or powershell, not 'tcsh'", "completion", "tcsh")]
    [InlineData("probesim: check: --choices: unknown choice point 'links' (order, async, window, modules, faults, unbind)", "check", "--choices", "order,links")]
    [InlineData("probesim: check: --invariants: unknown invariant 'no-such' (probesim invariants lists them)", "check", "--invariants", "no-such")]
    [InlineData("probesim: check: --faults: 'explode': unknown fault (defer, probe, nomem, domain-alloc, iommu-fail, iommu-no-register, banks, unbind, max)", "check", "--faults", "explode")]
    [InlineData("probesim: check: --replay: '3:x' is not POSITION:OPTION (whole numbers, e.g. 11:1,14:2, or default)", "check", "--replay", "3:x")]
    [InlineData("probesim: boot: --profile takes v4.2, v4.4, v4.11, v4.12-rc1, v4.12, v4.14, v4.19, v5.4, v5.10, v5.19, v6.1, debian-6.1, v6.6, v6.12, debian-6.12, v6.18 or latest, not 'v9.9'", "boot", "--profile", "v9.9")]
    [InlineData("probesim: diff: --profile takes v4.2, v4.4, v4.11, v4.12-rc1, v4.12, v4.14, v4.19, v5.4, v5.10, v5.19, v6.1, debian-6.1, v6.6, v6.12, debian-6.12, v6.18 or latest, not 'v9.9'", "diff", "--profile", "v9.9")]
    [InlineData("probesim: boot: --set: unknown profile switch 'nosuch' (probesim profiles lists them)", "boot", "--set", "nosuch=1")]
    [InlineData("probesim: boot: --set: bad value 'sometimes' for switch 'fw_devlink': expected one of none, off, permissive, on, rpm", "boot", "--set", "fw_devlink=sometimes")]
    [InlineData("probesim: check: --set takes NAME=VALUE (probesim profiles lists the switches), not 'nonsense'", "check", "--set", "nonsense")]
    public void One_line_naming_what_is_wrong(string expected, params string[] args)
    {
        var (first, second) = TwoLines(args);
        Assert.Equal(expected, first);
        var path = expected["probesim: ".Length..];
        path = path.Contains(": ") && !path.StartsWith("unknown command") && !path.StartsWith("missing command") ? path[..path.IndexOf(": ", StringComparison.Ordinal)] : "";
        Assert.Equal($"see 'probesim {(path.Length > 0 ? path + " " : "")}--help'", second);
    }

    [Fact]
    public void The_profile_list_is_the_library_s()
    {
        var (first, _) = TwoLines("boot", "--profile", "v9.9");
        foreach (var p in ProbeSim.Kernel.Profiles.ProfileLibrary.Default.Profiles) Assert.Contains(p.Name, first);
    }

    [Fact]
    public void An_argument_after_a_double_dash_is_an_argument_even_with_a_dash()
    {
        // boot -- -board.dts: the board is named -board.dts (there is none), not an unknown option
        var r = CliRunner.Run("boot", "--", "-nonexistent-board.dts");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("probesim: -nonexistent-board.dts: ", r.Err);
        Assert.DoesNotContain("unknown option", r.Err);
    }

    [Fact]
    public void A_dash_alone_is_standard_input_not_an_option()
    {
        var r = CliRunner.Run("dtc", "-I", "dts", "-", "--frob");
        Assert.Equal("probesim: dtc: unknown option '--frob'", r.Err.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    [Theory]
    [InlineData("@.")]
    [InlineData("@nonexistent-board.dts")]
    public void A_word_starting_with_at_is_no_response_file(string board)
    {
        // System.CommandLine read "@." as a response file: exit 70 on the directory, its own message for a missing file
        var r = CliRunner.Run("boot", board);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"probesim: {board}: ", r.Err);
    }

    [Fact]
    public void Help_still_wins_over_a_bad_value()
    {
        var r = CliRunner.Run("check", "--budget", "x", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--budget", r.Out);
    }

    [Fact]
    public void No_parse_error_prints_the_help()
    {
        foreach (var args in new[] { new[] { "check", "--budget", "99999999999" }, ["nosuch"], ["dtc"], ["boot", "--frob"], ["completion", "tcsh"] })
        {
            var r = CliRunner.Run(args);
            Assert.DoesNotContain("Usage:", r.Err + r.Out);
            Assert.DoesNotContain("Description:", r.Err + r.Out);
            Assert.DoesNotContain("System.", r.Err);
        }
    }
}
