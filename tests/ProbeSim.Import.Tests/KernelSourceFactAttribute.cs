namespace ProbeSim.Import.Tests;

/// <summary>
/// A test that reads Debian's 6.1 kernel source at /work/src/linux-source-6.1 (unpacked from linux-source-6.1 6.1.192-2).
/// Nothing is downloaded: when the tree is absent (CI) the test is skipped. Mark such tests with
/// <c>[Trait("Category", "KernelSource")]</c>.
/// </summary>
public sealed class KernelSourceFactAttribute : FactAttribute
{
    public const string Root = "/work/src/linux-source-6.1";

    public KernelSourceFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(Root, "drivers"))) Skip = $"the kernel source tree {Root} is absent";
    }
}
