using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen;

/// <summary>Pieces several generators share: a board with its header, the sample board, a binary for /incbin/, boot's view options.</summary>
public static class CaseParts
{
    /// <summary>A board file and the sample board's header in <c>include/</c> next to it (the boot commands add that directory to the include path).</summary>
    public static void AddBoard(FuzzCase c, SeedCorpus seeds, string name, byte[] content, bool input = true)
    {
        c.Add(name, content, input);
        c.Add("include/" + SeedCorpus.SampleHeader, seeds.SampleHeaderText, input);
    }

    public static void AddSampleBoard(FuzzCase c, SeedCorpus seeds, string name = "board.dts", bool input = true) =>
        AddBoard(c, seeds, name, seeds.SampleBoard.Bytes, input);

    /// <summary>A small binary file for /incbin/ (and a file that is no device tree).</summary>
    public static void AddBin(Rng rng, FuzzCase c) => c.Add("x.bin", rng.Bytes(rng.Pick(new[] { 0, 1, 16, 64, 333 })));

    /// <summary>Zero or more of the boot command's output choices (never writing onto an input).</summary>
    public static IEnumerable<string> BootViews(Rng rng)
    {
        string[][] views =
        [
            [], [], ["--all"], ["--tree"], ["--tree", "--all"], ["--log"], ["--log", "--log-level", "debug"], ["--devlinks"], ["--sysfs"],
            ["--json", "-"], ["--json", "out.json"], ["--dot", "-"], ["--dot", "out.dot"], ["--html", "out.html"], ["-q"], ["-v"],
            ["--devlinks", "--sysfs", "--all", "--log"],
        ];
        return rng.Pick(views);
    }

    /// <summary>Options shared by the boot commands, with valid values mostly.</summary>
    public static IEnumerable<string> BootOptions(Rng rng)
    {
        string[][] options =
        [
            [], [], [], ["--profile", "v4.12-rc1"], ["--profile", "v4.2"], ["--profile", "latest"], ["--profile", "v5.10"],
            ["--arch", "arm"], ["--arch", "arm64"], ["--cmdline", "fw_devlink=on"], ["--cmdline", "deferred_probe_timeout=-1 iommu.passthrough=1"],
            ["--set", "fw_devlink=permissive"], ["--set", "device_links=false"],
        ];
        return rng.Pick(options);
    }
}
