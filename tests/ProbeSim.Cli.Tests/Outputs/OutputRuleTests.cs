using Mono.Unix.Native;
using ProbeSim.Cli.Output;

namespace ProbeSim.Cli.Tests.Outputs;

/// <summary>The rule every output goes through (docs/cli.md, "Output files"), beyond the inputs of the run.</summary>
public class OutputRuleTests
{
    private static bool IsCharacterDevice(string path) => FileStatus.OfLink(path) is { Exists: true, Kind: FileKind.CharacterDevice };

    /// <summary>A private null device (major 1, minor 3, devices.txt), when this test may make device nodes (root).</summary>
    private static string? PrivateNull(Workspace w)
    {
        var path = w.P("null");
        return Syscall.mknod(path, FilePermissions.S_IFCHR | FilePermissions.DEFFILEMODE, (1UL << 8) | 3) == 0 ? path : null;
    }

    [Fact]
    public void A_character_device_is_written_in_place_and_stays_a_device()
    {
        var w = new Workspace();
        // first on a private node, so that a rule gone wrong never replaces the machine's /dev/null
        if (PrivateNull(w) is { } node)
        {
            Assert.Equal(0, CliRunner.Run("boot", w.Board, "--json", node).ExitCode);
            Assert.True(IsCharacterDevice(node), "the device node was replaced");
        }
        Assert.True(IsCharacterDevice("/dev/null"));
        var r = CliRunner.Run("boot", w.Board, "--json", "/dev/null", "--html", "/dev/null", "--dot", "/dev/null");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(IsCharacterDevice("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.*"));
    }

    [Fact]
    public async Task A_fifo_is_written_in_place()
    {
        var w = new Workspace();
        var fifo = w.P("fifo");
        Assert.Equal(0, Syscall.mkfifo(fifo, FilePermissions.DEFFILEMODE));
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var r = CliRunner.Run("boot", w.Board, "--json", fifo);
        if (r.ExitCode != 0) Syscall.close(Syscall.open(fifo, OpenFlags.O_WRONLY | OpenFlags.O_NONBLOCK)); // lets the reader end
        Assert.True(r.ExitCode == 0, r.Err);
        var text = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"schema\": \"probesim-boot/", text);
        Assert.Equal(FileKind.Fifo, FileStatus.OfLink(fifo).Kind);
    }

    [Fact]
    public void Standard_output_named_as_a_file_is_written_in_place_not_replaced()
    {
        // /dev/stdout is /proc/self/fd/1: with standard output redirected to a file (probesim ... --json /dev/stdout > log),
        // the JSON goes after what the descriptor already holds, and the file the shell opened is not swapped for another
        var w = new Workspace();
        var log = w.P("log.txt");
        File.WriteAllText(log, "table\n");
        var before = FileStatus.Of(log).Id;
        using (var stdout = new FileStream(log, FileMode.Append, FileAccess.Write))
        {
            var r = CliRunner.Run("boot", w.Board, "--json", $"/proc/self/fd/{stdout.SafeFileHandle.DangerousGetHandle()}");
            Assert.True(r.ExitCode == 0, r.Err);
        }
        Assert.Equal(before, FileStatus.Of(log).Id);
        Assert.StartsWith("table\n{", File.ReadAllText(log));
    }

    [Fact]
    public void A_block_device_is_refused()
    {
        var w = new Workspace();
        var node = w.P("disk");
        if (Syscall.mknod(node, FilePermissions.S_IFBLK | FilePermissions.S_IRUSR | FilePermissions.S_IWUSR, (7UL << 8) | 200) != 0) return; // needs root
        var r = CliRunner.Run("boot", w.Board, "--json", node);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: --json {node}: is a block device; probesim writes only regular files, character devices and FIFOs\n", r.Err);
        Assert.Equal(FileKind.BlockDevice, FileStatus.OfLink(node).Kind);
    }

    [Theory]
    [InlineData("boot")]
    [InlineData("dtc")]
    [InlineData("fdtoverlay")]
    public void A_missing_directory_is_refused_named_and_not_created(string command)
    {
        var w = new Workspace();
        var output = w.P("nonexistent-dir", "x.out");
        string[] args = command switch
        {
            "boot" => ["boot", w.Board, "--json", output],
            "dtc" => ["dtc", "-o", output, w.DtcSource],
            _ => ["fdtoverlay", "-i", w.OverlayBase, "-o", output, w.Overlay],
        };
        var option = command == "boot" ? "--json" : "-o";
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: {option} {output}: the directory {w.P("nonexistent-dir")} does not exist (probesim creates no directories)\n", r.Err);
        Assert.False(Directory.Exists(w.P("nonexistent-dir")));
    }

    [Fact]
    public void Corpus_build_creates_its_output_directory_but_not_a_missing_parent()
    {
        var w = new Workspace();
        var deep = w.P("missing", "out");
        var r = CliRunner.Run("corpus", "build", w.Tree, "--arch", "arm64", "-o", deep);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: -o {deep}: the directory {w.P("missing")} does not exist (probesim creates OUTDIR, not its parents)\n", r.Err);
        Assert.False(Directory.Exists(w.P("missing")));

        var outDir = w.P("out");
        r = CliRunner.Run("corpus", "build", w.Tree, "--arch", "arm64", "-o", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(outDir, "vendor", "good.dtb")));
    }

    [Fact]
    public void Corpus_build_refuses_a_file_as_its_output_directory()
    {
        var w = new Workspace();
        var r = CliRunner.Run("corpus", "build", w.Tree, "--arch", "arm64", "-o", w.Scenario);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: -o {w.Scenario}: is not a directory\n", r.Err);
    }

    [Fact]
    public void An_unwritable_path_is_reported_with_the_path_given_and_the_option()
    {
        var w = new Workspace();
        var r = CliRunner.Run("boot", w.Board, "--json", "/proc/nope.json");
        Assert.Equal(1, r.ExitCode);
        // creating a file in procfs fails with ENOENT (what cp says too: cannot create regular file ...: No such file or directory)
        Assert.Equal("probesim: --json /proc/nope.json: cannot write: No such file or directory\n", r.Err);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--html")]
    [InlineData("--dot")]
    public void A_directory_as_output_is_refused(string option)
    {
        var w = new Workspace();
        var r = CliRunner.Run("boot", w.Board, option, w.Root);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: {option} {w.Root}: is a directory; give a file name\n", r.Err);
    }

    [Fact]
    public void Two_outputs_onto_one_file_are_refused_before_anything_is_written()
    {
        var w = new Workspace();
        var out1 = w.P("out.txt");
        var r = CliRunner.Run("boot", w.Board, "--json", out1, "--html", out1);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"probesim: --html {out1}: the same file as --json {out1}; give each output its own file\n", r.Err);
        Assert.False(File.Exists(out1));

        var link = w.OutputOnto(out1, LinkKind.Symlink);   // a link to a file not there yet
        r = CliRunner.Run("check", w.Board, "--budget", "1", "--json", out1, "--html", link);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the same file as --json", r.Err);
        Assert.False(File.Exists(out1));

        File.WriteAllText(out1, "old");
        var hard = w.OutputOnto(out1, LinkKind.Hardlink);
        r = CliRunner.Run("boot", w.Board, "--dot", out1, "--json", hard);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("old", File.ReadAllText(out1));

        var a = w.DtbA;
        r = CliRunner.Run("diff", "--a-dtb", a, "--b-dtb", w.DtbB, "--profile", "v6.6", "--json", w.P("d.json"), "--html", w.P(".", "d.json"));
        Assert.Equal(1, r.ExitCode);
        Assert.False(File.Exists(w.P("d.json")));
    }

    [Fact]
    public void A_symbolic_link_to_a_file_that_is_no_input_is_followed_and_stays()
    {
        var w = new Workspace();
        var target = w.P("target.json");
        File.WriteAllText(target, "old");
        var link = w.OutputOnto(target, LinkKind.Symlink);
        var dangling = w.P("dangling.json");
        File.CreateSymbolicLink(dangling, "new-target.json");
        var r = CliRunner.Run("boot", w.Board, "--json", link, "--html", dangling);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(FileKind.SymbolicLink, FileStatus.OfLink(link).Kind);
        Assert.StartsWith("{", File.ReadAllText(target));
        Assert.Equal(FileKind.SymbolicLink, FileStatus.OfLink(dangling).Kind);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(w.P("new-target.json")));
    }

    [Fact]
    public void A_replaced_file_keeps_its_permission_bits_and_no_temporary_file_is_left()
    {
        var w = new Workspace();
        var output = w.P("out.json");
        File.WriteAllText(output, "old");
        Assert.Equal(0, Syscall.chmod(output, FilePermissions.S_IRUSR | FilePermissions.S_IWUSR));
        var r = CliRunner.Run("boot", w.Board, "--json", output);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.StartsWith("{", File.ReadAllText(output));
        Assert.Equal(FilePermissions.S_IRUSR | FilePermissions.S_IWUSR, FileStatus.Of(output).Permissions);
        Assert.Empty(Directory.GetFiles(w.Root, ".*tmp"));
    }
}
