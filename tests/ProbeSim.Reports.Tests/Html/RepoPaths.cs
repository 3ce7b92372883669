namespace ProbeSim.Reports.Tests.Html;

/// <summary>Where the checkout, its sample board, the shared corpus and the test artifacts are, seen from a test run.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ProbeSim.sln"))) return dir.FullName;
            throw new InvalidOperationException("ProbeSim.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>samples/boards/probesim-demo.dts.</summary>
    public static string DemoBoard => Path.Combine(Root, "samples", "boards", "probesim-demo.dts");

    /// <summary>The arm64 DTBs of the shared Linux v7.1 corpus (<c>../shared/corpus/linux-v7.1/dtb/arm64</c>).</summary>
    public static string Arm64Dtbs => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "linux-v7.1", "dtb", "arm64"));

    /// <summary>A directory under the git-ignored <c>artifacts/</c> of the checkout, created if needed (CI keeps it).</summary>
    public static string Artifacts(string name)
    {
        var dir = Path.Combine(Root, "artifacts", name);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
