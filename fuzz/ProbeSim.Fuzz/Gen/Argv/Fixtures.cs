using System.Text;
using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Argv;

/// <summary>
/// The valid (and not so valid) files an argument vector can name: boards, blobs, overlays, scenarios, PCI descriptions
/// and dumps, kernel tables, a small kernel tree, diff slices, links. Each is written only when an argument names it.
/// </summary>
public sealed class Fixtures
{
    private readonly SeedCorpus _seeds;

    public Fixtures(SeedCorpus seeds) => _seeds = seeds;

    public static readonly IReadOnlyList<string> Names =
    [
        "board.dts", "board.dtb", "other.dts", "ov.dtso", "ov.dtbo", "base.dtb", "s.yaml", "bad.yaml", "p.yaml", "dump", "kernel",
        "ktree", "dtbs", "dtbs2", "kernels", "slice1.json", "slice2.json", "empty", "sub", "x.bin", "link-board.dts",
        "hard-board.dts", "link-s.yaml", "dangling", "loop", "include",
    ];

    /// <summary>The fixture a path belongs to ("kernel/config.txt" -> "kernel"), or null.</summary>
    public static string? Owner(string arg)
    {
        var first = arg.Split('/')[0];
        return Names.Contains(first) ? first : null;
    }

    /// <summary>Writes fixture <paramref name="name"/> (and what it needs) into the input; marks it read when <paramref name="input"/>.</summary>
    public void Ensure(FuzzCase c, string name, bool input)
    {
        if (!c.Has(name)) Write(c, name);
        if (input)
        {
            c.MarkInputsUnder(name);
            if (name is "board.dts" or "link-board.dts" or "hard-board.dts") c.MarkInputsUnder("include");
            if (name is "link-board.dts" or "hard-board.dts") c.MarkInputsUnder("board.dts");
        }
    }

    private void Write(FuzzCase c, string name)
    {
        var text = (string s) => Encoding.UTF8.GetBytes(s);
        switch (name)
        {
            case "board.dts":
                CaseParts.AddSampleBoard(c, _seeds, input: false);
                break;
            case "include":
                c.Add("include/" + SeedCorpus.SampleHeader, _seeds.SampleHeaderText, input: false);
                break;
            case "board.dtb":
                c.Add(name, _seeds.SampleDtb, input: false);
                break;
            case "other.dts":
                c.Add(name, _seeds.Dts.First(d => d.Name.EndsWith("pci-host.dts", StringComparison.Ordinal)).Bytes, input: false);
                break;
            case "ov.dtso":
                c.Add(name, _seeds.Overlays[0].Bytes, input: false);
                break;
            case "ov.dtbo":
                c.Add(name, _seeds.OverlayDtb, input: false);
                break;
            case "base.dtb":
                c.Add(name, _seeds.Dtbs.First(d => d.Name.Contains("features-base")).Bytes, input: false);
                break;
            case "s.yaml":
                c.Add(name, _seeds.Scenarios.First(s => s.Name.Contains("every-key")).Bytes, input: false);
                break;
            case "bad.yaml":
                c.Add(name, text("drivers:\n  - compatible: [acme\n    probe: succeed\n"), input: false);
                break;
            case "p.yaml":
                c.Add(name, _seeds.PciYaml[0].Bytes, input: false);
                break;
            case "dump":
                foreach (var s in _seeds.SysfsDump) c.Add("dump/" + s.Name, s.Bytes, input: false);
                break;
            case "kernel":
                foreach (var t in _seeds.KernelTables) c.Add("kernel/" + Path.GetFileName(t.Name), t.Bytes, input: false);
                break;
            case "kernels":
                foreach (var t in _seeds.KernelTables) c.Add("kernels/mini/" + Path.GetFileName(t.Name), t.Bytes, input: false);
                break;
            case "ktree":
                c.Add("ktree/src/arm64/acme/board.dts", _seeds.SampleBoard.Bytes, input: false);
                c.Add("ktree/src/arm64/acme/" + SeedCorpus.SampleHeader, _seeds.SampleHeaderText, input: false);
                c.Add("ktree/src/arm64/acme/pci-host.dts", _seeds.Dts.First(d => d.Name.EndsWith("pci-host.dts", StringComparison.Ordinal)).Bytes, input: false);
                c.AddDirectory("ktree/include/dt-bindings");
                break;
            case "dtbs":
                c.Add("dtbs/a/board.dtb", _seeds.SampleDtb, input: false);
                break;
            case "dtbs2":
                c.Add("dtbs2/a/board.dtb", _seeds.Dtbs.First(d => d.Name.Contains("pci-host")).Bytes, input: false);
                break;
            case "slice1.json":
            case "slice2.json":
                c.Add(name, text(name == "slice1.json" ? "{\"schema\": \"probesim-diff/1\", \"shard\": \"1/2\"}" : "["), input: false);
                break;
            case "empty":
                c.Add(name, [], input: false);
                break;
            case "sub":
                c.AddDirectory(name);
                break;
            case "x.bin":
                c.Add(name, [0xd0, 0x0d, 0xfe, 0xed, 0, 0, 0, 8], input: false);
                break;
            case "link-board.dts":
                Ensure(c, "board.dts", false);
                c.AddLink(name, "board.dts");
                break;
            case "hard-board.dts":
                Ensure(c, "board.dts", false);
                c.AddLink(name, "board.dts", hard: true);
                break;
            case "link-s.yaml":
                Ensure(c, "s.yaml", false);
                c.AddLink(name, "s.yaml");
                break;
            case "dangling":
                c.AddLink(name, "missing-target");
                break;
            case "loop":
                c.AddLink(name, "loop");
                break;
        }
    }
}
