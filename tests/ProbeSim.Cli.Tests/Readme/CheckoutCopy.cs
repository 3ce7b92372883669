using ProbeSim.Cli.Tests.Packaging;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Readme;

/// <summary>
/// A copy of the checkout as it is now (tracked and untracked files, without what .gitignore drops: no bin, obj,
/// artifacts or node_modules), with <c>../shared</c> beside it, as a user has it after <c>git clone</c>.
/// </summary>
public static class CheckoutCopy
{
    /// <summary>Makes TMP/main (returned) and TMP/shared, a link to the shared directory.</summary>
    public static string Create()
    {
        var tmp = TestPaths.NewTempDir();
        var main = Path.Combine(tmp, "main");
        var git = ProcessRunner.Run("git", ["-C", TestPaths.RepoRoot, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], TestPaths.RepoRoot);
        if (git.ExitCode != 0) throw new InvalidOperationException("git ls-files failed: " + git);
        foreach (var rel in git.Out.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var from = Path.Combine(TestPaths.RepoRoot, rel);
            if (!File.Exists(from)) continue; // deleted in the working tree, not yet in the index
            var to = Path.Combine(main, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        }
        Directory.CreateSymbolicLink(Path.Combine(tmp, "shared"), TestPaths.Shared);
        return main;
    }
}
