using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

public class DiffCommandTests
{
    // a kernel tree with two boards: one master behind a disabled IOMMU (spec S3 on arm64), one board without IOMMU
    private static string MakeTree()
    {
        var root = TestPaths.NewTempDir();
        var dir = Path.Combine(root, "src", "arm64", "acme");
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(root, "include"));
        const string soc = "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n";
        File.WriteAllText(Path.Combine(dir, "iommu-off.dts"), soc + """
              // arm,mmu-500: declared in v4.12.0 (arm-smmu.c:2336), so rc1 defers on it while it is disabled
              smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; status = "disabled"; };
              sata@2000000 { compatible = "acme,sata"; reg = <0x2000000 0x1000>; iommus = <&smmu 2>; };
            }; };
            """);
        File.WriteAllText(Path.Combine(dir, "plain.dts"), soc + "  serial@3000000 { compatible = \"acme,uart\"; reg = <0x3000000 0x1000>; };\n}; };\n");
        return root;
    }

    [Fact]
    public void Reports_the_master_behind_the_disabled_iommu_grouped_by_cause_and_writes_json()
    {
        var root = MakeTree();
        var json = Path.Combine(root, "diff.json");
        var html = Path.Combine(root, "diff.html");
        var r = CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12/default", "--json", json, "--html", html, "--jobs", "2", "--verbose");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n');
        Assert.Equal($"a: v4.12-rc1, driver set default, {root} (arm64)", lines[0]);
        Assert.StartsWith("cause (1 device on 1 board): of_iommu_configure: IOMMU <node> not registered while booting", lines[3]);
        Assert.Matches(@"^BOARD\s+DEVICE\s+FIELD\s+BEFORE\s+AFTER$", lines[4]);
        Assert.Matches(@"^acme/iommu-off\.dts\s+2000000\.sata\s+state\s+deferred\s+bound$", lines[5]);
        Assert.Contains("2 boards, ", r.Out);
        Assert.EndsWith("1 device changed on 1 board (4 fields)\n", r.Out);
        Assert.Contains("probesim: diffed 2 boards in", r.Err);
        var text = File.ReadAllText(json);
        Assert.Contains("\"schema\": \"probesim-corpus-diff/1\"", text);
        Assert.Contains("\"spec\": \"v4.12/default\"", text);
        var page = File.ReadAllText(html);
        Assert.Contains("2000000.sata", page);
        Assert.Contains("v4.12-rc1, driver set default", page);
        Assert.Equal(3, CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12", "--fail-on-change").ExitCode);
        Assert.Equal(0, CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12", "--b", "v4.14", "--fail-on-change").ExitCode);
    }

    [Fact]
    public void Quiet_prints_only_the_change_tables_and_standard_output_has_no_timing()
    {
        var root = MakeTree();
        var normal = CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12");
        Assert.Equal("", normal.Err);
        var quiet = CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12", "--quiet");
        Assert.Equal(0, quiet.ExitCode);
        Assert.StartsWith("cause (1 device on 1 board): ", quiet.Out);
        Assert.Equal(6, quiet.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // cause, header, four fields
        Assert.Contains(quiet.Out, normal.Out);
    }

    [Fact]
    public void Shards_merged_give_the_report_of_the_whole_run()
    {
        var root = MakeTree();
        var whole = CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12");
        var s1 = Path.Combine(root, "s1.json");
        var s2 = Path.Combine(root, "s2.json");
        Assert.Equal(0, CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12", "--shard", "1/2", "--json", s1).ExitCode);
        Assert.Equal(0, CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12-rc1", "--b", "v4.12", "--shard", "2/2", "--json", s2).ExitCode);
        var merged = CliRunner.Run("diff", "merge", s2, s1);
        Assert.Equal(0, merged.ExitCode);
        Assert.Equal(whole.Out, merged.Out.Replace("slices: 1,2/2\n", ""));

        var partial = CliRunner.Run("diff", "merge", s1);
        Assert.Equal(2, partial.ExitCode);
        Assert.Contains("probesim: diff merge: slices missing: 2/2", partial.Err);
        var twice = CliRunner.Run("diff", "merge", s1, s1);
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("both hold slice 1/2", twice.Err);
    }

    [Theory]
    [InlineData(1, "probesim: --a 'v9.9': unknown profile 'v9.9'", "--a", "v9.9", "--b", "v4.12")]
    [InlineData(1, "probesim: --b: kernel 'nope': no directory", "--a", "v4.12", "--b", "v4.12/nope")]
    [InlineData(1, "probesim: --a and --b go together", "--a", "v4.12")]
    [InlineData(1, "probesim: --shard 3/2: K must be between 1 and 2", "--a", "v4.12", "--b", "v6.6", "--shard", "3/2")]
    [InlineData(1, "probesim: --profile, --kernel and --drivers set both sides alike", "--a", "v4.12", "--b", "v6.6", "--profile", "v6.1")]
    public void Bad_arguments_are_usage_errors_without_a_stack_trace(int code, string message, params string[] extra)
    {
        var root = MakeTree();
        var r = CliRunner.Run(["diff", root, "--arch", "arm64", .. extra]);
        Assert.Equal(code, r.ExitCode);
        Assert.StartsWith(message, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_malformed_scenario_is_an_input_error_and_a_bad_slice_file_names_itself()
    {
        var root = MakeTree();
        var yaml = Path.Combine(root, "bad.yaml");
        File.WriteAllText(yaml, "drivers: [ { compatible: acme,sata, probe: { fail: ENOTANERRNO } } ]\n");
        var r = CliRunner.Run("diff", root, "--arch", "arm64", "--a", "v4.12", "--b", "v4.12//" + yaml);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.yaml", r.Err);

        var notJson = Path.Combine(root, "x.json");
        File.WriteAllText(notJson, "{}");
        r = CliRunner.Run("diff", "merge", notJson);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(notJson + ": error: schema is missing", r.Err);
    }

    [Fact]
    public void Two_dtb_directories_compare_the_boards_they_share_and_list_the_others()
    {
        var root = MakeTree();
        var a = Path.Combine(root, "dtb-a");
        var b = Path.Combine(root, "dtb-b");
        Assert.Equal(0, CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", a).ExitCode);
        Assert.Equal(0, CliRunner.Run("corpus", "build", root, "--arch", "arm64", "-o", b).ExitCode);
        File.Delete(Path.Combine(b, "acme", "plain.dtb"));
        var r = CliRunner.Run("diff", "--a-dtb", a, "--b-dtb", b, "--profile", "v4.12-rc1");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"\na\s+acme/plain\.dtb\n", r.Out);
        Assert.Matches(@"\n1 board, \d+ devices compared: no device changed\n$", r.Out);
    }
}
