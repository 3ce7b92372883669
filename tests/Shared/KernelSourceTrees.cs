using Xunit;

namespace ProbeSim.TestSupport;

/// <summary>The real kernel source trees some tests read (never downloaded by a test; CI has none).</summary>
public enum KernelTree
{
    /// <summary>Debian 12: linux-source-6.1 6.1.192-2, unpacked (<c>$PROBESIM_LINUX_SOURCE</c>, else <c>src/linux-source-6.1</c>).</summary>
    Debian61,
    /// <summary>Debian 13: linux-source-6.12 6.12.118-1, unpacked (<c>$PROBESIM_LINUX_SOURCE_612</c>, else <c>src13/linux-source-6.12</c>).</summary>
    Debian612,
}

/// <summary>Where each tree is: the variable, else the folder beside the checkout (/work/main) or beside its worktree folder (/work/wt/NAME).</summary>
public static class KernelTrees
{
    public static string? Root(KernelTree tree)
    {
        var (variable, folder) = tree == KernelTree.Debian61
            ? ("PROBESIM_LINUX_SOURCE", Path.Combine("src", "linux-source-6.1"))
            : ("PROBESIM_LINUX_SOURCE_612", Path.Combine("src13", "linux-source-6.12"));
        var env = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(Path.Combine(env, "drivers")) ? env : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "ProbeSim.sln"))) continue;
            foreach (var up in new[] { "..", Path.Combine("..", "..") })
            {
                var d = Path.GetFullPath(Path.Combine(dir.FullName, up, folder));
                if (Directory.Exists(Path.Combine(d, "drivers"))) return d;
            }
            return null;
        }
        return null;
    }

    /// <summary>The tree's folder, or a path that does not exist (for static set-up in classes whose tests skip).</summary>
    public static string RootOrAbsent(KernelTree tree) => Root(tree) ?? Path.Combine(Path.GetTempPath(), "probesim-no-kernel-source");
}

/// <summary>A fact that reads a real kernel source tree: skipped where the tree is absent (CI has none).</summary>
public sealed class KernelSourceFactAttribute : FactAttribute
{
    public KernelSourceFactAttribute(KernelTree tree = KernelTree.Debian61)
    {
        if (KernelTrees.Root(tree) is null) Skip = $"kernel source tree {tree} not present (see tests/Shared/KernelSourceTrees.cs)";
    }
}
