using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>Where the binary package's tables are (the source trees: tests/Shared/KernelSourceTrees.cs).</summary>
public static class FactsPaths
{
    /// <summary>The binary-derived tables of linux-image-6.1.0-56-arm64 (../shared, present in CI).</summary>
    public static string DebianArm64Tables => Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64");
}
