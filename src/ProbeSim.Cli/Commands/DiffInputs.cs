using System.CommandLine;
using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Cli.Boot;
using ProbeSim.Cli.Output;

namespace ProbeSim.Cli.Commands;

/// <summary>The files a <c>probesim diff</c> reads: the corpus of each side, the boot options' files, the sides' driver tables and scenarios.</summary>
internal static class DiffInputs
{
    /// <summary>Called once the plan is made (the options and side specs are valid).</summary>
    public static void Record(RunFiles files, ParseResult pr, BootArguments args, string? root, string? dtbA, string? dtbB,
        string? specA, string? specB, string kernelsDir)
    {
        if (root is not null) BootInputs.KernelTree(files, root);
        if (dtbA is not null) BootInputs.DtbDirectory(files, dtbA, "--a-dtb");
        if (dtbB is not null) BootInputs.DtbDirectory(files, dtbB, "--b-dtb");
        BootInputs.Record(files, args, pr);
        foreach (var (spec, option) in new[] { (specA, "--a"), (specB, "--b") })
        {
            if (spec is null) continue;
            var side = DiffSideSpec.Parse(spec, option);
            if (side.Kernel is { } kernel) BootInputs.KernelTables(files, Path.Combine(kernelsDir, kernel), option);
            if (side.Config is { } config) files.Input(config, $"the {option} scenario");
        }
    }
}
