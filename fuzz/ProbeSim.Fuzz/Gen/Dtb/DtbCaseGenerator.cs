using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Dtb;

/// <summary>DTB inputs: a blob compiled from a seed board, mutated, then booted, decompiled, recompiled, explained, checked or overlaid.</summary>
public sealed class DtbCaseGenerator : ICaseGenerator
{
    private readonly SeedCorpus _seeds;

    public DtbCaseGenerator(SeedCorpus seeds) => _seeds = seeds;

    public void Fill(Rng rng, FuzzCase c)
    {
        // the sample board half of the time: it is the one whose boot goes deepest
        var seed = rng.OneIn(2) ? new Seed("samples/probesim-demo.dtb", _seeds.SampleDtb) : rng.Pick(_seeds.Dtbs);
        c.Notes.Add("seed " + seed.Name);
        // one in three gentle: the blob stays well-formed and the boot model does the work
        bool gentle = rng.OneIn(3);
        if (gentle) c.Notes.Add("gentle");
        var blob = gentle ? DtbMutator.MutateGentle(rng, seed.Bytes, c.Notes) : DtbMutator.Mutate(rng, seed.Bytes, c.Notes);
        c.Add("board.dtb", blob);
        switch (rng.Next(20))
        {
            case < 8:
                c.Args.AddRange(["boot", "board.dtb", .. CaseParts.BootViews(rng), .. CaseParts.BootOptions(rng)]);
                break;
            case < 11:
                c.Args.AddRange(["dtc", "board.dtb", "-O", "dts", "-o", "-"]);
                break;
            case < 13:
                c.Args.AddRange(["dtc", "-I", "dtb", "board.dtb", "-O", "dtb", "-o", "out.dtb"]);
                break;
            case < 15:
                c.Args.AddRange(["explain", "board.dtb", rng.Pick(_seeds.Sample.DeviceRefs)]);
                break;
            case < 16:
                c.Args.AddRange(["check", "board.dtb", "--budget", rng.Range(1, 3).ToString()]);
                break;
            case < 18:
                // the mutated blob as the overlay, or as the base of a good overlay
                c.Add("ov.dtbo", rng.OneIn(2) ? DtbMutator.Mutate(rng, _seeds.OverlayDtb, c.Notes) : _seeds.OverlayDtb);
                c.Args.AddRange(rng.OneIn(2) ? ["fdtoverlay", "-i", "board.dtb", "-o", "out.dtb", "ov.dtbo"] : ["fdtoverlay", "-i", "ov.dtbo", "-o", "out.dtb", "board.dtb"]);
                break;
            default:
                c.Args.AddRange(["dtc", "board.dtb", "-I", "dtb", "-O", "dts", "-o", "out.dts"]);
                break;
        }
    }
}
