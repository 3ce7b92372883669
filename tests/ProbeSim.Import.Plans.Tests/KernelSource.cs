namespace ProbeSim.Import.Plans.Tests;

/// <summary>Debian 12's kernel source (linux-source-6.1 6.1.192), unpacked where the project's machines have it.</summary>
internal static class KernelSource
{
    public const string Root = "/work/src/linux-source-6.1";
    public static bool Present => Directory.Exists(Path.Combine(Root, "drivers"));
}

/// <summary>A fact about the real kernel source: skipped where the source tree is absent (CI has none).</summary>
public sealed class KernelFactAttribute : FactAttribute
{
    public KernelFactAttribute()
    {
        if (!KernelSource.Present) Skip = $"kernel source not found at {KernelSource.Root}";
    }
}
