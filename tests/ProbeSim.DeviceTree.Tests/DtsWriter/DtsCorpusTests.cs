using System.Security.Cryptography;
using System.Text;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Source.Writer;
using ProbeSim.DeviceTree.Tests.Binary;

namespace ProbeSim.DeviceTree.Tests.DtsWriterTests;

/// <summary>
/// <c>dtc-1.8.1-dts-sha256.txt</c> holds the SHA-256 of <c>dtc -I dtb -O dts</c> (dtc 1.8.1) for every corpus blob;
/// the DTS writer must give the same text for each.
/// </summary>
public class DtsCorpusTests
{
    private static string HashFile => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "DtsWriter", "dtc-1.8.1-dts-sha256.txt");

    [Fact]
    public void EveryCorpusBlobDecompilesExactlyLikeDtc181()
    {
        var expected = File.ReadAllLines(HashFile)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
        var files = CorpusBlobs.Files();
        Assert.Equal(expected.Count, files.Length);
        var mismatches = new List<string>();
        foreach (var f in files)
        {
            var tree = FdtReader.Read(File.ReadAllBytes(f), f);
            DtbSourceRecovery.Apply(tree);
            var text = ProbeSim.DeviceTree.Source.Writer.DtsWriter.Write(tree);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.Latin1.GetBytes(text)));
            if (hash != expected[CorpusBlobs.Relative(f)]) mismatches.Add(CorpusBlobs.Relative(f));
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differ from dtc 1.8.1, e.g. {string.Join(", ", mismatches.Take(5))}");
    }
}
