using System.Diagnostics;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Source;
using Xunit.Abstractions;

namespace ProbeSim.DeviceTree.Tests.Source;

/// <summary>
/// The same cases, compiled at test time by the dtc on PATH (Debian's device-tree-compiler, dtc 1.6.1, which
/// scripts/setup.sh installs). Cases using what 1.6.1 lacks (<c>&amp;{label/path}</c>), or where 1.6.1 behaves differently
/// (it rejects a value too wide for /bits/ 8 where 1.8.1 only warns: the integers case), are left to the stored 1.8.1 blobs.
/// </summary>
public class SystemDtcComparisonTests
{
    private readonly ITestOutputHelper _out;

    public SystemDtcComparisonTests(ITestOutputHelper output) => _out = output;

    private static string Cases => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "Source", "Cases");

    [Theory]
    [InlineData("delete-and-merge", "")]
    [InlineData("omit-if-no-ref", "")]
    [InlineData("omit-if-no-ref", "-@")]
    [InlineData("strings-bytes", "")]
    [InlineData("phandles", "")]
    [InlineData("memreserve", "-b 9")]
    [InlineData("include-main", "")]
    [InlineData("symbols", "-@")]
    [InlineData("plugin", "-@")]
    public void Same_blob_as_the_system_dtc(string name, string flags)
    {
        var dtc = FindDtc();
        if (dtc is null)
        {
            _out.WriteLine("no dtc on PATH: run scripts/setup.sh; the stored dtc 1.8.1 blobs still check this case");
            return;
        }
        var src = Path.Combine(Cases, name + ".dts");
        var outFile = Path.Combine(TestPaths.NewTempDir(), name + ".dtb");
        var args = $"-q {flags} -I dts -O dtb -o \"{outFile}\" \"{src}\"";
        using (var p = Process.Start(new ProcessStartInfo(dtc, args) { RedirectStandardError = true, WorkingDirectory = Cases })!)
        {
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
        var options = new DtsCompileOptions { GenerateSymbols = flags.Contains("-@"), BootCpuId = flags.Contains("-b 9") ? 9u : null };
        var ours = FdtWriter.Write(DtsCompiler.Compile(File.ReadAllText(src), src, options).Tree);
        Assert.Equal(Convert.ToHexString(File.ReadAllBytes(outFile)), Convert.ToHexString(ours));
    }

    private static string? FindDtc()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var f = Path.Combine(dir, "dtc");
            if (File.Exists(f)) return f;
        }
        return null;
    }
}
