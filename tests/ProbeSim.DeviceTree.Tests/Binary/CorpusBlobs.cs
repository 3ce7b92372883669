namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>The arm64 blobs of the shared corpus (made by dtc 1.8.1), in a stable order.</summary>
internal static class CorpusBlobs
{
    public static string Dir => Path.Combine(TestPaths.Corpus("v7.1"), "dtb", "arm64");

    public static string[] Files() =>
        Directory.GetFiles(Dir, "*.dtb", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    public static string Relative(string file) => Path.GetRelativePath(Dir, file).Replace('\\', '/');
}
