using ProbeSim.DeviceTree.Files;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Files;

/// <summary>
/// Every file the front end reads (a DTS, a DTB, an #include, an /include/) is read within
/// <see cref="DeviceTreeLimits.MaxFileBytes"/>, and an included device or FIFO is refused: one error, never an endless read.
/// </summary>
public class BoundedInputTests
{
    private static DeviceTreeException Fails(Func<object> run) => OnThread.Fails(run);

    private static string SparseFile(string name, long size)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), name);
        using var f = File.Create(path);
        f.SetLength(size);
        return path;
    }

    [Theory]
    [InlineData("big.dts", false)]
    [InlineData("big.dts", true)]
    [InlineData("big.dtb", false)]
    public void A_main_file_past_the_limit_is_refused_naming_it(string name, bool preprocess)
    {
        var path = SparseFile(name, DeviceTreeLimits.MaxFileBytes + 1);
        var e = Fails(() => new DeviceTreeLoader().Load(path, new LoadOptions { Preprocess = preprocess }));
        Assert.Equal($"{path}: error: larger than 64 MiB, the limit for an input file", Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void An_endless_main_file_is_read_up_to_the_limit_only()
    {
        var e = Fails(() => new DeviceTreeLoader().Load("/dev/zero", new LoadOptions { Format = InputFormat.Dts }));
        Assert.Equal("/dev/zero: error: larger than 64 MiB, the limit for an input file", Assert.Single(e.Diagnostics).ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_main_file_that_is_a_pipe_is_read_once(bool preprocess)
    {
        // as the shell's <(...) gives: guessing the format must not eat the start of the text
        var dir = TestPaths.NewTempDir();
        var fifo = Path.Combine(dir, "board.dts");
        using (var p = System.Diagnostics.Process.Start("mkfifo", fifo)) p.WaitForExit();
        var writer = new Thread(() => File.WriteAllText(fifo, "/dts-v1/;\n/ { model = \"piped\"; };\n")) { IsBackground = true };
        writer.Start();
        var result = OnThread.Run(() => new DeviceTreeLoader().Load(fifo, new LoadOptions { Preprocess = preprocess }));
        Assert.Equal("piped", result.Tree.Root.GetString("model"));
        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void An_included_device_is_refused_at_the_include()
    {
        var dir = TestPaths.NewTempDir();
        var dts = Path.Combine(dir, "b.dts");
        File.WriteAllText(dts, "/dts-v1/;\n#include \"/dev/zero\"\n/ { };\n");
        var e = Fails(() => new DeviceTreeLoader().Load(dts, new LoadOptions { Preprocess = true }));
        Assert.Equal($"{dts}:2:10: error: /dev/zero: not a regular file (a character device)", Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void A_dts_include_of_a_device_is_refused_at_the_include()
    {
        var dir = TestPaths.NewTempDir();
        var dts = Path.Combine(dir, "b.dts");
        File.WriteAllText(dts, "/dts-v1/;\n/include/ \"/dev/zero\"\n/ { };\n");
        var e = Fails(() => new DeviceTreeLoader().Load(dts, new LoadOptions()));
        Assert.Equal($"{dts}:2:1: error: Couldn't open \"/dev/zero\": not a regular file (a character device)", Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void An_included_file_past_the_limit_is_refused_at_the_include()
    {
        var big = SparseFile("big.dtsi", DeviceTreeLimits.MaxFileBytes + 1);
        var dts = Path.Combine(Path.GetDirectoryName(big)!, "b.dts");
        File.WriteAllText(dts, "/dts-v1/;\n#include \"big.dtsi\"\n/ { };\n");
        var e = Fails(() => new DeviceTreeLoader().Load(dts, new LoadOptions { Preprocess = true }));
        Assert.Equal($"{dts}:2:10: error: big.dtsi: larger than 64 MiB, the limit for an input file", Assert.Single(e.Diagnostics).ToString());
    }

    [Fact]
    public void A_stream_without_a_length_is_cut_at_the_limit()
    {
        var endless = new EndlessStream();
        var e = Assert.Throws<InputTooLargeException>(() => InputFiles.ReadAll(endless, "<stdin>"));
        Assert.Equal("<stdin>", e.Path);
        Assert.True(endless.Served <= DeviceTreeLimits.MaxFileBytes + 81920, $"read {endless.Served} bytes");
    }

    [Fact]
    public void Text_is_decoded_as_File_ReadAllText_decodes_it()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "t.dts");
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', 0xC3, 0xA9, 0xFF, (byte)'\n'];
        File.WriteAllBytes(path, bytes);
        Assert.Equal(File.ReadAllText(path), InputFiles.ReadAllText(path));
    }

    private sealed class EndlessStream : Stream
    {
        public long Served;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
