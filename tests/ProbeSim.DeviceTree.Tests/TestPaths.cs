namespace ProbeSim.DeviceTree.Tests;

/// <summary>Where the repository, its samples and the shared corpus are, seen from a test run.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ProbeSim.sln"))) return dir.FullName;
        throw new InvalidOperationException("ProbeSim.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>The shared folder beside the checkout (<c>../shared</c>).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Corpus(string version) => Path.Combine(Shared, "corpus", "linux-" + version);

    public static string Samples => Path.Combine(RepoRoot, "samples");

    /// <summary>A fresh scratch directory for one test.</summary>
    public static string NewTempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "probesim-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(d);
        return d;
    }
}
