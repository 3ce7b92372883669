using ProbeSim.DeviceTree.Binary;

namespace ProbeSim.DeviceTree.Tests.Binary;

/// <summary>Every corpus blob was written by dtc 1.8.1: reading and writing it again must give the same bytes.</summary>
public class FdtCorpusRoundTripTests
{
    [Fact]
    public void AllCorpusBlobsRoundTripByteForByte()
    {
        var files = CorpusBlobs.Files();
        Assert.Equal(1526, files.Length);
        var failures = new List<string>();
        foreach (var f in files)
        {
            var blob = File.ReadAllBytes(f);
            var tree = FdtReader.Read(blob, f);
            var again = FdtWriter.Write(tree, FdtWriteOptions.Default);
            if (!again.AsSpan().SequenceEqual(blob)) failures.Add(CorpusBlobs.Relative(f));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} blobs differ, e.g. {string.Join(", ", failures.Take(5))}");
    }

    [Fact]
    public void CorpusBlobsPassTheValidatorAndKeepTheirHeader()
    {
        foreach (var f in CorpusBlobs.Files().Where((_, i) => i % 25 == 0))
        {
            var blob = File.ReadAllBytes(f);
            var h = FdtValidator.Validate(blob, f);
            Assert.Equal(17u, h.Version);
            Assert.Equal(16u, h.LastCompVersion);
            var tree = FdtReader.Read(blob, f);
            Assert.Equal(h.BootCpuidPhys, tree.BootCpuIdPhys);
            Assert.Equal("", tree.Root.Name);
        }
    }

    [Fact]
    public void PhandlesComeFromThePhandleProperty()
    {
        var f = Path.Combine(CorpusBlobs.Dir, "arm", "juno.dtb");
        var tree = FdtReader.Read(File.ReadAllBytes(f), f);
        var withPhandle = tree.AllNodes.Where(n => n.HasProperty("phandle")).ToList();
        Assert.NotEmpty(withPhandle);
        foreach (var n in withPhandle) Assert.Equal(n.GetU32("phandle"), n.Phandle);
        Assert.All(tree.AllNodes.Where(n => !n.HasProperty("phandle") && !n.HasProperty("linux,phandle")),
            n => Assert.Equal(0u, n.Phandle));
    }
}
