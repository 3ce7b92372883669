using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Fuzz.Gen.Argv;

/// <summary>Whether a value names something the run reads, something it writes, or neither.</summary>
public enum ValueRole { Plain, Input, Output }

/// <summary>
/// Values for each option and argument, by name: files of the right type (and of the wrong type, missing, a directory,
/// a link, '-', empty), profile and switch names, numbers at the edges, the syntax of faults, replays, shards and diff sides.
/// Output paths are always relative names inside the input's directory, or the name of one of its inputs.
/// </summary>
public sealed class ArgvValues
{
    private static readonly string[] Outputs =
    [
        "out.json", "out.html", "out.dot", "out.dtb", "out", "-", "-", "", ".", "sub", "nodir/x.json", "out.json/", "a\nb.json",
        "board.dts", "s.yaml", "p.yaml", "board.dtb", "link-board.dts", "hard-board.dts", "link-s.yaml", "dump", "kernel/config.txt",
        "include/probesim-demo.h", "ov.dtbo", "dangling", "ktree", "dtbs",
    ];

    private static readonly string[] Boards = ["board.dts", "board.dts", "board.dtb", "other.dts", "ov.dtso", "link-board.dts", "hard-board.dts", "x.bin", "empty", "sub", "missing.dts", "-", "", "dangling", "loop", "s.yaml"];
    private static readonly string[] Scenarios = ["s.yaml", "s.yaml", "bad.yaml", "p.yaml", "link-s.yaml", "empty", "sub", "missing.yaml", "board.dts", "-", ""];
    private static readonly string[] PciSources = ["p.yaml", "dump", "dump/sys", "s.yaml", "sub", "empty", "missing", "board.dtb", ""];
    private static readonly string[] Dirs = [".", "sub", "include", "missing", "board.dts", "", "-"];
    private static readonly string[] KernelDirs = ["kernel", "kernel", "kernels", "sub", "missing", "board.dts", ""];
    private static readonly string[] Roots = ["ktree", "ktree", ".", "sub", "missing", "board.dts", ""];
    private static readonly string[] DtbDirs = ["dtbs", "dtbs2", "sub", "missing", "board.dtb", ""];
    private static readonly string[] Cmdlines = ["deferred_probe_timeout=-1", "deferred_probe_timeout=99999999999", "fw_devlink=on", "fw_devlink=bogus", "fw_devlink.strict=1", "iommu.passthrough=1", "iommu.passthrough=x", "driver_async_probe=*", "a=b=c", "=", "", "deferred_probe_timeout=30 fw_devlink=rpm"];
    private static readonly string[] Faults = ["defer", "defer@2", "defer:12200000.mmc@1", "probe=EIO", "probe:12200000.mmc@1=-22", "nomem", "nomem:13000000.gpu", "domain-alloc", "iommu-fail", "iommu-fail:12200000.mmc=EIO", "iommu-no-register", "banks=2", "banks:12000000.iommu=0", "unbind", "max=3", "defer@0", "probe=EFOO", "banks=-1", "max=99999999999", "nope", "", ",", "defer,probe=EIO,max=1"];
    private static readonly string[] Choices = ["order", "async", "window", "modules", "faults", "unbind", "order,async", "all", "", "nope"];
    private static readonly string[] Strategies = ["exhaustive", "random", "pct", "", "dfs"];
    private static readonly string[] Budgets = ["1", "2", "3", "0", "-1", "", "abc", "2147483648", "1e3", "1.5"];
    private static readonly string[] Times = ["0.5", "1", "0", "-1", "NaN", "abc", "1e308", "Infinity", "1e-9", ""];
    private static readonly string[] Replays = ["0:1", "99999:5", "a:b", "", "0:1,2:3", "1:0,1:0", ":", "-1:-1", "0:99999999999"];
    private static readonly string[] Shards = ["1/2", "2/2", "0/0", "3/2", "1/0", "a/b", "-1/2", "2147483648/1", "1/1", ""];
    private static readonly string[] Sides = ["v4.12", "v6.6", "v4.12-rc1", "v6.1/mini", "v6.6/default/s.yaml", "v6.6/mini/s.yaml", "v6.6/default/bad.yaml", "v9.9", "", "/", "v6.6//", "latest/default"];
    private static readonly string[] Jobs = ["1", "2", "0", "-1", "64", "abc", "2147483648"];
    private static readonly string[] Formats = ["dts", "dtb", "asm", "fs", "", "DTS"];
    private static readonly string[] BlobNumbers = ["0", "1", "16", "-1", "3", "4096", "65536", "abc", "4294967296"];
    private static readonly string[] Shells = ["bash", "zsh", "fish", "powershell", "tcsh", ""];
    private static readonly string[] Invariants = ["deferred-forever", "supplier-unbound", "nope", "", "all"];

    private readonly SeedCorpus _seeds;
    private readonly IReadOnlyList<string> _profiles;
    private readonly IReadOnlyList<string> _sets;

    public ArgvValues(SeedCorpus seeds)
    {
        _seeds = seeds;
        _profiles = [.. ProfileLibrary.Default.Profiles.Select(p => p.Name), "latest", "v9.9", "", "V6.6", "v6.6 "];
        _sets =
        [
            .. SwitchCatalog.All.Select(s => $"{s.Name}={(s.Kind == SwitchKind.Bool ? "true" : s.Kind == SwitchKind.Int ? "-1" : s.Kind == SwitchKind.List ? "+clocks" : "x")}"),
            "fw_devlink=permissive", "fw_devlink=on", "fw_devlink_bindings=-iommus", "fw_devlink_bindings=+nope", "=x", "nonsense", "device_links=", "deferred_probe_timeout=99999999999",
        ];
    }

    /// <summary>A value for the option or argument called <paramref name="name"/> (without dashes), and what it is to the run.</summary>
    public (string Value, ValueRole Role) For(Rng rng, string name, IReadOnlyList<string> completions)
    {
        if (rng.OneIn(25)) return (rng.Pick(Interesting.CliNumbers), ValueRole.Plain);
        switch (name)
        {
            case "json": case "html": case "dot": case "out": case "output": case "o":
                return (rng.OneIn(30) ? new string('l', 300) : rng.Pick(Outputs), ValueRole.Output);
            case "BOARD": case "INPUT": case "i": case "input":
                return (rng.Pick(Boards), ValueRole.Input);
            case "OVERLAY":
                return (rng.Pick(new[] { "ov.dtbo", "ov.dtbo", "ov.dtso", "board.dtb", "base.dtb", "x.bin", "missing.dtbo", "sub" }), ValueRole.Input);
            case "DEVICE":
                return (rng.Pick(_seeds.Sample.DeviceRefs.Concat(["", "nope", "/", "&uart0"]).ToList()), ValueRole.Plain);
            case "drivers":
                return (rng.Pick(Scenarios), ValueRole.Input);
            case "pci":
                return (rng.Pick(PciSources), ValueRole.Input);
            case "kernel":
                return (rng.Pick(KernelDirs), ValueRole.Input);
            case "kernels-dir":
                return (rng.Pick(new[] { "kernels", "kernel", "sub", "missing" }), ValueRole.Input);
            case "include-dir": case "in-include": case "I":
                return (rng.Pick(Dirs), ValueRole.Input);
            case "ROOT":
                return (rng.Pick(Roots), ValueRole.Input);
            case "dtb-dir": case "a-dtb": case "b-dtb":
                return (rng.Pick(DtbDirs), ValueRole.Input);
            case "FILE":
                return (rng.Pick(new[] { "slice1.json", "slice2.json", "empty", "board.dts", "missing.json", "sub" }), ValueRole.Input);
            case "PROFILE": case "profile": case "p" when completions.Count > 0:
                return (rng.Pick(_profiles), ValueRole.Plain);
            case "set": return (rng.Pick(_sets), ValueRole.Plain);
            case "cmdline": return (rng.Pick(Cmdlines), ValueRole.Plain);
            case "faults": return (rng.Pick(Faults), ValueRole.Plain);
            case "choices": return (rng.Pick(Choices), ValueRole.Plain);
            case "strategy": return (rng.Pick(Strategies), ValueRole.Plain);
            case "budget": return (rng.Pick(Budgets), ValueRole.Plain);
            case "time": return (rng.Pick(Times), ValueRole.Plain);
            case "seed": return (rng.Pick(Interesting.CliNumbers), ValueRole.Plain);
            case "replay": return (rng.Pick(Replays), ValueRole.Plain);
            case "invariants": return (rng.Pick(Invariants), ValueRole.Plain);
            case "shard": return (rng.Pick(Shards), ValueRole.Plain);
            case "a": case "b": return (rng.Pick(Sides), ValueRole.Plain);
            case "jobs": case "j": return (rng.Pick(Jobs), ValueRole.Plain);
            case "in-format": case "out-format": case "I-format": return (rng.Pick(Formats), ValueRole.Plain);
            case "boot-cpu": case "pad": case "space": case "align": case "reserve": case "b-cpu":
                return (rng.Pick(BlobNumbers), ValueRole.Plain);
            case "D": return (rng.Pick(new[] { "X", "X=1", "=1", "X(", "X(a)=a", "" }), ValueRole.Plain);
            case "arch": return (rng.Pick(new[] { "arm", "arm64", "riscv", "x86", "", "ARM" }), ValueRole.Plain);
            case "SHELL": return (rng.Pick(Shells), ValueRole.Plain);
            case "log-level": return (rng.Pick([.. completions, "loud", ""]), ValueRole.Plain);
        }
        if (completions.Count > 0) return (rng.OneIn(5) ? "nope" : rng.Pick(completions), ValueRole.Plain);
        return (rng.Pick(Interesting.CliNumbers), ValueRole.Plain);
    }
}
