using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.Pci;

/// <summary>Helpers shared by the PCI topology tests.</summary>
internal static class PciTestSupport
{
    public static PciTopology Yaml(string text) => PciTopologyFile.Parse(text, "test.yaml");

    /// <summary>Name without the domain (<c>01:00.0</c>).</summary>
    public static string Short(PciFunction f) => f.Name[5..];

    /// <summary>The groups of <see cref="PciTopology.GroupAll"/>, each as space-separated short names.</summary>
    public static string[] Groups(PciTopology t) => t.GroupAll().Select(g => string.Join(" ", g.Select(Short))).ToArray();

    public static string[] Names(IEnumerable<PciFunction> fs) => fs.Select(Short).ToArray();

    public static PciFunction Get(PciTopology t, string shortName) =>
        t.Find(shortName) ?? throw new InvalidOperationException(shortName + " not in topology");

    public static PciTopologyException YamlError(string text) =>
        Assert.Throws<PciTopologyException>(() => Yaml(text));

    /// <summary>A fresh scratch directory (deleted by the caller's <c>using</c>).</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "probesim-pci-" + Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
