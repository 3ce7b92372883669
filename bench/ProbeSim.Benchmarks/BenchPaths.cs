namespace ProbeSim.Benchmarks;

/// <summary>Finds ../shared beside the checkout, as the tests do.</summary>
public static class BenchPaths
{
    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ProbeSim.sln"))) return dir.FullName;
            for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ProbeSim.sln"))) return dir.FullName;
            throw new InvalidOperationException("ProbeSim.sln not found");
        }
    }

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Corpus(string version) =>
        Environment.GetEnvironmentVariable("PROBESIM_CORPUS") ?? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus", "linux-" + version));
}
