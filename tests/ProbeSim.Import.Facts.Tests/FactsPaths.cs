using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>Where the kernel source tree the facts were read from, and the binary package's tables, are.</summary>
public static class FactsPaths
{
    /// <summary>Debian's linux-source-6.1 6.1.192-2, unpacked: $PROBESIM_LINUX_SOURCE, else <c>src/linux-source-6.1</c>
    /// beside the checkout (/work/main) or beside its worktree folder (/work/wt/NAME). Absent in CI.</summary>
    public static string? LinuxSource
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PROBESIM_LINUX_SOURCE");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
            foreach (var up in new[] { "..", Path.Combine("..", "..") })
            {
                var d = Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, up, "src", "linux-source-6.1"));
                if (File.Exists(Path.Combine(d, "Makefile"))) return d;
            }
            return null;
        }
    }

    /// <summary>The binary-derived tables of linux-image-6.1.0-56-arm64 (../shared, present in CI).</summary>
    public static string DebianArm64Tables => Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64");
}

/// <summary>A fact that reads the kernel source tree: skipped where the tree is absent (CI has none).</summary>
public sealed class SourceTreeFactAttribute : FactAttribute
{
    public SourceTreeFactAttribute()
    {
        if (FactsPaths.LinuxSource is null)
            Skip = "kernel source tree linux-source-6.1 not present (set PROBESIM_LINUX_SOURCE)";
    }
}
