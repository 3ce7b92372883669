using System.Text;
using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Dts;

/// <summary>DTS inputs: a seed board (or a synthesized one) after token-level mutations, compiled, booted, explained or checked.</summary>
public sealed class DtsCaseGenerator : ICaseGenerator
{
    private readonly SeedCorpus _seeds;
    private readonly DtsMutator _mutator;

    public DtsCaseGenerator(SeedCorpus seeds)
    {
        _seeds = seeds;
        _mutator = new DtsMutator(seeds.Dts.Concat(seeds.Overlays).Select(s => s.Text).ToList());
    }

    public void Fill(Rng rng, FuzzCase c)
    {
        bool overlay = rng.OneIn(8);
        string text;
        if (overlay)
        {
            var seed = rng.Pick(_seeds.Overlays);
            c.Notes.Add("seed " + seed.Name);
            text = seed.Text;
        }
        else if (rng.OneIn(4)) text = DtsSynth.Generate(rng.Fork(), c.Notes);
        else
        {
            var seed = rng.Pick(_seeds.Dts);
            c.Notes.Add("seed " + seed.Name);
            text = seed.Text;
        }
        // one in three gentle: the text stays a device tree and the boot model does the work
        bool gentle = !overlay && rng.OneIn(3);
        if (gentle)
        {
            c.Notes.Add("gentle");
            text = _mutator.MutateGentle(rng, text, rng.Range(0, 3), c.Notes);
        }
        else text = _mutator.Mutate(rng, text, rng.OneIn(10) ? 0 : rng.Geometric(8), c.Notes);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!gentle && rng.OneIn(6)) bytes = DtsMutator.Damage(rng, bytes, c.Notes);

        var name = overlay ? "ov.dtso" : "board.dts";
        CaseParts.AddBoard(c, _seeds, name, bytes);
        CaseParts.AddBin(rng, c);
        // an include file: a node of another seed, or one that includes itself
        c.AddText("inc.dtsi", rng.OneIn(4) ? "/include/ \"inc.dtsi\"\n" : _mutator.Mutate(rng, "/ { inc { p = <1>; }; };\n", rng.Next(3), new List<string>()));
        foreach (var f in new[] { "x.bin", "inc.dtsi" }) c.Inputs.Add(f);

        if (overlay) FillOverlayCommand(rng, c, name);
        else FillBoardCommand(rng, c, name, text);
    }

    private void FillBoardCommand(Rng rng, FuzzCase c, string name, string text)
    {
        var devices = _seeds.Sample.DeviceRefs;
        switch (rng.Next(20))
        {
            case < 8:
                c.Args.AddRange(["boot", name, .. CaseParts.BootViews(rng), .. CaseParts.BootOptions(rng)]);
                break;
            case < 11:
                c.Args.AddRange(["dtc", name, "--preprocess", "-O", "dtb", "-o", "out.dtb"]);
                c.Args.AddRange(rng.Pick(new[] { Array.Empty<string>(), ["-@"], ["-A"], ["-L"], ["-I", "dts"], ["-i", "."], ["-p", "16"], ["-R", "2"], ["-b", "1"] }));
                break;
            case < 13:
                c.Args.AddRange(["dtc", name, "--preprocess", "-O", "dts", "-o", "-"]);
                break;
            case 13:
                c.Args.AddRange(["dtc", "-I", "dts", "-O", "dtb", "-o", "out.dtb", "-"]);
                c.Stdin = text;
                break;
            case < 16:
                c.Args.AddRange(["explain", name, rng.Pick(devices)]);
                break;
            case < 18:
                c.Args.AddRange(["check", name, "--budget", rng.Range(1, 3).ToString()]);
                break;
            default:
                c.Args.AddRange(["boot", name, "--json", "out.json", "--dot", "out.dot"]);
                break;
        }
    }

    private void FillOverlayCommand(Rng rng, FuzzCase c, string name)
    {
        c.Add("base.dtb", rng.OneIn(2) ? _seeds.SampleDtb : _seeds.Dtbs.First(d => d.Name.Contains("features-base")).Bytes);
        if (rng.OneIn(2)) c.Args.AddRange(["fdtoverlay", "-i", "base.dtb", "-o", "out.dtb", name]);
        else c.Args.AddRange(["dtc", name, "-@", "-O", "dtb", "-o", "out.dtbo"]);
    }
}
