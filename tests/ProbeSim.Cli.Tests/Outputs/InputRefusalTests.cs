using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Outputs;

/// <summary>
/// Every command that writes a file, with each output option pointed at each input of the run: by the input's own
/// path, through a symbolic link and through a hard link. The run is refused with exit 1 and one line, and the input
/// keeps every byte (issue 15: "never lose a user's file").
/// </summary>
public class InputRefusalTests
{
    /// <summary>A command line whose output names an input, and that input.</summary>
    public sealed record Case(string[] Args, string Input);

    private static readonly Dictionary<string, Func<Workspace, LinkKind, Case>> Cases = new()
    {
        ["boot --json onto the board"] = (w, k) => new(["boot", w.Board, "--json", w.OutputOnto(w.Board, k)], w.Board),
        ["boot --html onto the board"] = (w, k) => new(["boot", w.Board, "--html", w.OutputOnto(w.Board, k)], w.Board),
        ["boot --dot onto the board"] = (w, k) => new(["boot", w.Board, "--dot", w.OutputOnto(w.Board, k)], w.Board),
        ["boot --json onto the blob board"] = (w, k) => new(["boot", w.BoardDtb, "--json", w.OutputOnto(w.BoardDtb, k)], w.BoardDtb),
        ["boot --json onto the board's include"] = (w, k) => new(["boot", w.Board, "--json", w.OutputOnto(w.BoardInclude, k)], w.BoardInclude),
        ["boot --html onto --drivers"] = (w, k) => new(["boot", w.Board, "--drivers", w.Scenario, "--html", w.OutputOnto(w.Scenario, k)], w.Scenario),
        ["boot --json onto --drivers"] = (w, k) => new(["boot", w.Board, "--drivers", w.Scenario, "--json", w.OutputOnto(w.Scenario, k)], w.Scenario),
        ["boot --json onto the --pci topology"] = (w, k) => new(["boot", w.Board, "--pci", w.PciYaml, "--json", w.OutputOnto(w.PciYaml, k)], w.PciYaml),
        ["boot --dot onto a config file of the --pci dump"] = (w, k) => new(["boot", w.Board, "--pci", w.PciDump, "--dot", w.OutputOnto(w.PciConfig, k)], w.PciConfig),
        ["boot --json onto a --kernel table"] = (w, k) =>
            new(["boot", w.Board, "--kernel", w.Kernel, "--json", w.OutputOnto(Path.Combine(w.Kernel, "config.txt"), k)], Path.Combine(w.Kernel, "config.txt")),
        ["explain --json onto the board"] = (w, k) => new(["explain", w.Board, "40000000.pcie", "--json", w.OutputOnto(w.Board, k)], w.Board),
        ["explain --json onto --drivers"] = (w, k) =>
            new(["explain", w.Board, "40000000.pcie", "--drivers", w.Scenario, "--json", w.OutputOnto(w.Scenario, k)], w.Scenario),
        ["check --json onto the board"] = (w, k) => new(["check", w.Board, "--budget", "1", "--json", w.OutputOnto(w.Board, k)], w.Board),
        ["check --html onto the board's include"] = (w, k) => new(["check", w.Board, "--budget", "1", "--html", w.OutputOnto(w.BoardInclude, k)], w.BoardInclude),
        ["dtc -o onto the input"] = (w, k) => new(["dtc", "-o", w.OutputOnto(w.DtcSource, k), w.DtcSource], w.DtcSource),
        ["dtc -o onto the input's include"] = (w, k) => new(["dtc", "-o", w.OutputOnto(w.DtcInclude, k), w.DtcSource], w.DtcInclude),
        ["fdtoverlay -o onto the base"] = (w, k) => new(["fdtoverlay", "-i", w.OverlayBase, "-o", w.OutputOnto(w.OverlayBase, k), w.Overlay], w.OverlayBase),
        ["fdtoverlay -o onto an overlay"] = (w, k) => new(["fdtoverlay", "-i", w.OverlayBase, "-o", w.OutputOnto(w.Overlay, k), w.Overlay], w.Overlay),
        // corpus build -o OUT writes OUT/vendor/good.dtb: into the tree itself, where good.dtb is an /incbin/ input, or a link there
        ["corpus build -o onto a source of the tree"] = (w, k) => k == LinkKind.Same
            ? new(["corpus", "build", w.Tree, "--arch", "arm64", "-o", Path.Combine(w.Tree, "src", "arm64")], w.TreeIncbin)
            : new(["corpus", "build", w.Tree, "--arch", "arm64", "-o", w.P("out"), "-j", "1"], Linked(w, w.TreeBoard, k, w.P("out", "vendor", "good.dtb"))),
        ["corpus boot --json onto a blob of --dtb-dir"] = (w, k) =>
            new(["corpus", "boot", "--dtb-dir", w.DtbA, "--json", w.OutputOnto(Path.Combine(w.DtbA, "one.dtb"), k)], Path.Combine(w.DtbA, "one.dtb")),
        ["corpus boot --jsonl onto a blob of --dtb-dir"] = (w, k) =>
            new(["corpus", "boot", "--dtb-dir", w.DtbA, "--jsonl", w.OutputOnto(Path.Combine(w.DtbA, "one.dtb"), k)], Path.Combine(w.DtbA, "one.dtb")),
        ["corpus boot --json onto a board of ROOT"] = (w, k) =>
            new(["corpus", "boot", w.Tree, "--arch", "arm64", "--json", w.OutputOnto(w.TreeBoard, k)], w.TreeBoard),
        ["corpus boot --json onto a header of ROOT"] = (w, k) =>
            new(["corpus", "boot", w.Tree, "--arch", "arm64", "--json", w.OutputOnto(w.TreeHeader, k)], w.TreeHeader),
        ["corpus boot --json onto --drivers"] = (w, k) =>
            new(["corpus", "boot", "--dtb-dir", w.DtbA, "--drivers", w.Scenario, "--json", w.OutputOnto(w.Scenario, k)], w.Scenario),
        ["diff --json onto a blob of --a-dtb"] = (w, k) =>
            new(["diff", "--a-dtb", w.DtbA, "--b-dtb", w.DtbB, "--profile", "v6.6", "--json", w.OutputOnto(Path.Combine(w.DtbA, "one.dtb"), k)], Path.Combine(w.DtbA, "one.dtb")),
        ["diff --html onto a blob of --b-dtb"] = (w, k) =>
            new(["diff", "--a-dtb", w.DtbA, "--b-dtb", w.DtbB, "--profile", "v6.6", "--html", w.OutputOnto(Path.Combine(w.DtbB, "one.dtb"), k)], Path.Combine(w.DtbB, "one.dtb")),
        ["diff --json onto a board of ROOT"] = (w, k) =>
            new(["diff", w.Tree, "--arch", "arm64", "--a", "v4.12", "--b", "v6.6", "--json", w.OutputOnto(w.TreeBoard, k)], w.TreeBoard),
        ["diff --json onto the scenario of a side"] = (w, k) =>
            new(["diff", w.Tree, "--arch", "arm64", "--a", "v6.6//" + w.Scenario, "--b", "v6.6", "--json", w.OutputOnto(w.Scenario, k)], w.Scenario),
        ["diff --html onto a driver table of a side"] = (w, k) =>
            new(["diff", w.Tree, "--arch", "arm64", "--kernels-dir", w.Kernels, "--a", "v6.6/mykernel", "--b", "v6.6",
                "--html", w.OutputOnto(Path.Combine(w.Kernel, "config.txt"), k)], Path.Combine(w.Kernel, "config.txt")),
        ["diff --json onto --pci"] = (w, k) =>
            new(["diff", "--a-dtb", w.DtbA, "--b-dtb", w.DtbB, "--profile", "v6.6", "--pci", w.PciYaml, "--json", w.OutputOnto(w.PciYaml, k)], w.PciYaml),
        ["diff merge --json onto a slice"] = (w, k) => new(["diff", "merge", w.Slice, "--json", w.OutputOnto(w.Slice, k)], w.Slice),
        ["diff merge --html onto a slice"] = (w, k) => new(["diff", "merge", w.Slice, "--html", w.OutputOnto(w.Slice, k)], w.Slice),
    };

    public static TheoryData<string, LinkKind> All()
    {
        var data = new TheoryData<string, LinkKind>();
        foreach (var name in Cases.Keys)
            foreach (var kind in Enum.GetValues<LinkKind>())
                data.Add(name, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void An_output_onto_an_input_is_refused_and_the_input_keeps_its_bytes(string name, LinkKind kind)
    {
        var w = new Workspace();
        var c = Cases[name](w, kind);
        var before = Workspace.Bytes(c.Input);
        var r = CliRunner.Run(c.Args);
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Out}\n{r.Err}");
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("probesim: ", line);
        Assert.Contains(": refusing to write onto the input file ", line);
        Assert.Equal(before, Workspace.Bytes(c.Input));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(c.Input)!, ".*.tmp"));
    }

    [Fact]
    public void The_refusal_names_the_option_the_output_and_the_input_with_its_role()
    {
        var w = new Workspace();
        var link = w.OutputOnto(w.Board, LinkKind.Symlink, w.P("mydemo.json"));
        var r = CliRunner.Run("boot", w.Board, "--json", link);
        Assert.Equal($"probesim: --json {link}: refusing to write onto the input file {w.Board} (the board)\n", r.Err);
        r = CliRunner.Run("boot", w.Board, "--drivers", w.Scenario, "--json", w.Scenario);
        Assert.Equal($"probesim: --json {w.Scenario}: refusing to write onto the input file {w.Scenario} (the --drivers scenario)\n", r.Err);
    }

    private static string Linked(Workspace w, string input, LinkKind kind, string at)
    {
        w.OutputOnto(input, kind, at);
        return input;
    }
}
