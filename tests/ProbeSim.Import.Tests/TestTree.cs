namespace ProbeSim.Import.Tests;

/// <summary>A hand-written kernel-style tree in a scratch directory: files by relative path, a .config.</summary>
internal sealed class TestTree
{
    public string Root { get; } = DeviceTree.Tests.TestPaths.NewTempDir();

    public TestTree File(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Writes the .config and returns its path.</summary>
    public string Config(params string[] lines)
    {
        var path = Path.Combine(Root, ".config");
        System.IO.File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
