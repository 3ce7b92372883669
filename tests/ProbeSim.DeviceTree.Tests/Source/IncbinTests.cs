using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Source;

/// <summary>
/// /incbin/ reads only the bytes it needs from a regular file, as dtc 1.8.1 does (srcfile_relative_open, fseek,
/// data_copy_file), and refuses devices, FIFOs, directories and more than the documented limit with one located error.
/// </summary>
public class IncbinTests
{
    private static string Source(string incbin) => "/dts-v1/;\n/ {\n\tx = " + incbin + ";\n};\n";

    private static DtsCompileResult Compile(string text, string path) => DtsCompiler.Compile(text, path, new DtsCompileOptions());

    /// <summary>The error compiling <paramref name="text"/> gives, which must come within seconds (not after reading a device forever).</summary>
    private static Diagnostic ErrorOf(string text, string path) => Assert.Single(OnThread.Fails(() => Compile(text, path)).Diagnostics);

    private static string NewDir() => TestPaths.NewTempDir();

    [Fact]
    public void A_character_device_is_refused_at_the_incbin_without_reading_it()
    {
        var dts = Path.Combine(NewDir(), "rng.dts");
        var d = ErrorOf(Source("/incbin/(\"/dev/urandom\", 0, 16)"), dts);
        Assert.Equal($"{dts}:3:6: error: /incbin/ \"/dev/urandom\": /dev/urandom is not a regular file (a character device)", d.ToString());
    }

    [Fact]
    public void A_fifo_is_refused_without_waiting_for_a_writer()
    {
        var dir = NewDir();
        var fifo = Path.Combine(dir, "pipe");
        using (var p = System.Diagnostics.Process.Start("mkfifo", fifo)) p.WaitForExit();
        Assert.True(File.Exists(fifo), "mkfifo did not make the FIFO");
        var d = ErrorOf(Source("/incbin/(\"pipe\")"), Path.Combine(dir, "b.dts"));
        Assert.Contains("is not a regular file (a FIFO)", d.Message);
        Assert.Equal((3, 6), (d.Location!.Value.Line, d.Location!.Value.Column));
    }

    [Fact]
    public void A_directory_is_refused_where_dtc_would_open_it()
    {
        var dir = NewDir();
        Directory.CreateDirectory(Path.Combine(dir, "blobs"));
        var d = ErrorOf(Source("/incbin/(\"blobs\")"), Path.Combine(dir, "b.dts"));
        Assert.Contains("is not a regular file (a directory)", d.Message);
    }

    [Fact]
    public void Only_the_range_asked_for_is_read_from_a_file_past_the_limit()
    {
        var dir = NewDir();
        var big = Path.Combine(dir, "big.bin");
        using (var f = File.Create(big))
        {
            f.SetLength(DeviceTreeLimits.MaxIncbinBytes + 4096); // sparse: no disk space used
            f.Position = 100;
            f.Write([1, 2, 3, 4]);
        }
        var tree = Compile(Source("/incbin/(\"big.bin\", 100, 4)"), Path.Combine(dir, "b.dts")).Tree;
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, tree.Root.GetProperty("x")!.Value);

        var whole = ErrorOf(Source("/incbin/(\"big.bin\")"), Path.Combine(dir, "b.dts"));
        Assert.Contains($"bytes would pass 64 MiB, the limit for what /incbin/ includes in one source", whole.Message);
        var tooLong = ErrorOf(Source("/incbin/(\"big.bin\", 0, 0x4000001)"), Path.Combine(dir, "b.dts"));
        Assert.Contains("67108865 bytes would pass 64 MiB", tooLong.Message);
    }

    [Fact]
    public void The_limit_holds_for_all_incbin_of_a_source_together()
    {
        var dir = NewDir();
        using (var f = File.Create(Path.Combine(dir, "half.bin"))) f.SetLength(40 << 20);
        var text = "/dts-v1/;\n/ {\n\ta = /incbin/(\"half.bin\");\n\tb = /incbin/(\"half.bin\");\n};\n";
        var d = ErrorOf(text, Path.Combine(dir, "b.dts"));
        Assert.Equal((4, 6), (d.Location!.Value.Line, d.Location!.Value.Column));
        Assert.Contains("41943040 bytes would pass 64 MiB", d.Message);
    }

    [Fact]
    public void A_range_past_the_end_of_the_file_is_an_error()
    {
        var dir = NewDir();
        File.WriteAllBytes(Path.Combine(dir, "four.bin"), [1, 2, 3, 4]);
        var b = Path.Combine(dir, "b.dts");
        Assert.Contains("Couldn't seek to offset 5 in \"four.bin\"", ErrorOf(Source("/incbin/(\"four.bin\", 5, 0)"), b).Message);
        Assert.Contains("\"four.bin\" is shorter than the 4 bytes asked for", ErrorOf(Source("/incbin/(\"four.bin\", 1, 4)"), b).Message);
    }

    [Fact]
    public void Offset_and_length_read_exactly_that_range_and_all_ones_reads_to_the_end()
    {
        var dir = NewDir();
        File.WriteAllBytes(Path.Combine(dir, "six.bin"), [1, 2, 3, 4, 5, 6]);
        var b = Path.Combine(dir, "b.dts");
        Assert.Equal(new byte[] { 3, 4 }, Compile(Source("/incbin/(\"six.bin\", 2, 2)"), b).Tree.Root.GetProperty("x")!.Value);
        Assert.Equal(new byte[] { 6 }, Compile(Source("/incbin/(\"six.bin\", 5, 1)"), b).Tree.Root.GetProperty("x")!.Value);
        Assert.Empty(Compile(Source("/incbin/(\"six.bin\", 6, 0)"), b).Tree.Root.GetProperty("x")!.Value);
        // dtc: a length of (size_t)-1 is data_copy_file's "to the end of the file"
        Assert.Equal(new byte[] { 5, 6 }, Compile(Source("/incbin/(\"six.bin\", 4, 0xffffffffffffffff)"), b).Tree.Root.GetProperty("x")!.Value);
    }

    [Fact]
    public void A_file_is_looked_for_beside_the_source_file_that_names_it_first()
    {
        // srcfile_relative_open: the directory of the file being read (here the /include/d one), then the -i directories
        var dir = NewDir();
        var sub = Directory.CreateDirectory(Path.Combine(dir, "sub")).FullName;
        File.WriteAllBytes(Path.Combine(dir, "blob.bin"), [9]);
        File.WriteAllBytes(Path.Combine(sub, "blob.bin"), [1, 2, 3]);
        File.WriteAllText(Path.Combine(sub, "part.dtsi"), "/ { x = /incbin/(\"blob.bin\"); };\n");
        var main = Path.Combine(dir, "main.dts");
        var text = "/dts-v1/;\n/include/ \"sub/part.dtsi\"\n/ { y = /incbin/(\"blob.bin\"); };\n";
        var root = Compile(text, main).Tree.Root;
        Assert.Equal(new byte[] { 1, 2, 3 }, root.GetProperty("x")!.Value);
        Assert.Equal(new byte[] { 9 }, root.GetProperty("y")!.Value);
    }
}
