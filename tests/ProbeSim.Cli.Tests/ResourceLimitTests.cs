using System.Diagnostics;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary>
/// Inputs past the front end's limits end as one located error on a thread with the default stack size (as a test
/// host's threads have), a tree at the limits goes through every command that takes one, and running out of memory or
/// stack is one line and exit 70, never an abort.
/// </summary>
public class ResourceLimitTests
{
    /// <summary><see cref="Program.Run"/> on a new thread (default stack size unless given), within 60 s.</summary>
    private static CliRunner.Result RunOnThread(string[] args, int maxStackSize = 0)
    {
        CliRunner.Result? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = CliRunner.Run(args); }
            catch (Exception e) { error = e; }
        }, maxStackSize) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "probesim did not end within 60 s");
        Assert.Null(error);
        return result!;
    }

    private static string Write(string name, string text)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    public static TheoryData<string, string, string> DeepInputs => new()
    {
        // file name, content, what the one error line says
        { "nodes.dts", "/dts-v1/;\n/ {" + Repeat(" a {", 100_000) + Repeat(" };", 100_001) + "\n", "nodes nested more than 1000 deep" },
        { "parens.dts", "/dts-v1/;\n/ { x = <" + Repeat("(", 100_000) + "1" + Repeat(")", 100_000) + ">; };\n", "expression nested too deeply" },
        { "unary.dts", "/dts-v1/;\n/ { x = <(" + Repeat("-", 100_000) + "1)>; };\n", "expression nested too deeply" },
        { "omit.dts", "/dts-v1/;\n/ { y = <&nowhere>; " + Repeat("/omit-if-no-ref/ ", 100_000) + "x { }; };\n", "Reference to non-existent node or label \"nowhere\"" },
        { "if.dts", "#if " + Repeat("(", 1000) + "1" + Repeat(")", 1000) + "\n#endif\n/dts-v1/;\n/ { };\n", "#if expression nested too deeply" },
        { "unary-if.dts", "#if " + Repeat("- ", 1000) + "1\n#endif\n/dts-v1/;\n/ { };\n", "#if expression nested too deeply" },
        { "args.dts", "#define f(x) x\n/dts-v1/;\n/ { x = <" + Repeat("f(", 100_000) + "1" + Repeat(")", 100_000) + ">; };\n", "macro" },
        { "bomb.dts", string.Concat(Enumerable.Range(1, 40).Select(i => $"#define a{i} a{i - 1} a{i - 1}\n")) + "#define a0 x\n/dts-v1/;\n/ { x = <a40>; };\n", "macro expansion too large" },
        { "self.dts", "#include \"self.dts\"\n/dts-v1/;\n/ { };\n", "#include nested depth 200 exceeds maximum of 200" },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void A_deep_or_exploding_source_is_one_located_error_on_a_default_stack_thread(string name, string content, string message)
    {
        var path = Write(name, content);
        var r = RunOnThread(["dtc", "--preprocess", "-O", "dtb", "-o", Path.Combine(Path.GetDirectoryName(path)!, "out.dtb"), path]);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(path + ":", line);
        Assert.Contains(": error: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void A_blob_nested_a_hundred_thousand_deep_is_one_error_with_its_byte_offset()
    {
        const int depth = 100_000;
        var blob = DeepBlob(depth);
        var path = Path.Combine(TestPaths.NewTempDir(), "deep.dtb");
        File.WriteAllBytes(path, blob);
        foreach (var args in new[] { new[] { "dtc", "-O", "dts", path }, new[] { "boot", path } })
        {
            var r = RunOnThread(args);
            Assert.Equal(2, r.ExitCode);
            // header 40 bytes, empty reservation map 16, the root's FDT_BEGIN_NODE 8, each "n" 8: the 1000th "n" is refused
            var offset = 40 + 16 + 8 + (DeviceTreeLimits.MaxNodeDepth - 1) * 8;
            Assert.Equal($"{path}: error: at byte offset {offset} (0x{offset:x}): nodes nested deeper than 1000 levels at 0x{offset:x}", r.Err.Trim());
        }
    }

    [Fact]
    public void A_tree_at_the_depth_limit_goes_through_every_command_on_a_default_stack_thread()
    {
        // 1000 levels: the root and 999 nested nodes, each a device, the deepest labelled and referred to
        var dts = Write("deep.dts", "/dts-v1/;\n/ {\n\tcompatible = \"acme,deep\";\n\tx = <&leaf>;\n"
            + Repeat("n { compatible = \"acme,n\"; ", DeviceTreeLimits.MaxNodeDepth - 2) + "leaf: n { compatible = \"acme,n\"; };" + Repeat(" };", DeviceTreeLimits.MaxNodeDepth - 2) + "\n};\n");
        var dir = Path.GetDirectoryName(dts)!;
        var dtb = Path.Combine(dir, "deep.dtb");
        Assert.Equal(0, RunOnThread(["dtc", "-@", "-O", "dtb", "-o", dtb, dts]).ExitCode);
        var back = RunOnThread(["dtc", "-O", "dts", dtb]);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains("leaf: n {", back.Out); // the label, from __symbols__
        Assert.Equal(0, RunOnThread(["boot", dts]).ExitCode);
        Assert.Equal(0, RunOnThread(["boot", dtb]).ExitCode);
    }

    [Fact]
    public void A_small_stack_ends_deep_input_with_an_error_not_an_abort()
    {
        // far less stack than a default thread: the front end's stack checks stop before the stack is gone
        var path = Write("nodes.dts", "/dts-v1/;\n/ {" + Repeat(" a {", 100_000) + Repeat(" };", 100_001) + "\n");
        var r = RunOnThread(["dtc", "-O", "dtb", "-o", Path.Combine(Path.GetDirectoryName(path)!, "out.dtb"), path], maxStackSize: 384 * 1024);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:2:\\d+: error: nodes nested (more than 1000 deep|too deeply for the stack)", line);
    }

    [Fact]
    public void Out_of_memory_and_stack_are_one_line_and_exit_70()
    {
        var err = new StringWriter();
        Assert.Equal(70, ResourceExhausted.Report(err, new OutOfMemoryException(), ["--quiet", "boot", "board.dts"]));
        Assert.Equal("probesim: out of memory while running 'probesim boot'; if the machine has enough memory for the limits in docs/device-tree.md, this is a bug: please report it\n",
            err.ToString().ReplaceLineEndings("\n"));
        err = new StringWriter();
        var parallel = new AggregateException(new InsufficientExecutionStackException());
        Assert.True(ResourceExhausted.Is(parallel));
        Assert.Equal(70, ResourceExhausted.Report(err, parallel, ["corpus", "build"]));
        Assert.StartsWith("probesim: out of stack space (input nested too deeply) while running 'probesim corpus'", err.ToString());
        Assert.Single(err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Running_out_of_memory_in_the_process_is_one_line_and_exit_70()
    {
        // a 48 MiB source (within the 64 MiB limit) read by a process allowed a 128 MiB heap: its text (96 MiB) does not fit
        var dir = TestPaths.NewTempDir();
        var big = Path.Combine(dir, "big.dts");
        using (var f = File.Create(big)) f.SetLength(48L << 20);
        var cli = Path.Combine(AppContext.BaseDirectory, "probesim.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "dtc", "-o", Path.Combine(dir, "out.dtb"), big }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x8000000";
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        await stdout;
        Assert.Equal("probesim: out of memory while running 'probesim dtc'; if the machine has enough memory for the limits in docs/device-tree.md, this is a bug: please report it",
            (await stderr).Trim());
        Assert.Equal(70, p.ExitCode);
    }

    private static byte[] DeepBlob(int depth)
    {
        static void U32(List<byte> b, uint v) { b.Add((byte)(v >> 24)); b.Add((byte)(v >> 16)); b.Add((byte)(v >> 8)); b.Add((byte)v); }
        var st = new List<byte>();
        U32(st, 1); U32(st, 0);                                // the root: FDT_BEGIN_NODE, ""
        for (var i = 0; i < depth; i++) { U32(st, 1); st.AddRange("n\0\0\0"u8.ToArray()); }
        for (var i = 0; i <= depth; i++) U32(st, 2);
        U32(st, 9);
        var blob = new List<byte>();
        const int header = 40, reserve = 16;
        var total = header + reserve + st.Count;
        foreach (var v in new uint[] { 0xd00dfeed, (uint)total, header + reserve, (uint)total, header, 17, 16, 0, 0, (uint)st.Count }) U32(blob, v);
        blob.AddRange(new byte[reserve]);
        blob.AddRange(st);
        return blob.ToArray();
    }
}
