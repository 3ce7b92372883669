using System.CommandLine;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Inputs;

/// <summary>
/// <c>--pci</c> inputs: a sysfs dump copied without root (64-byte config files; a non-root read of
/// /sys/bus/pci/devices/*/config stops there) is an error saying why and how, unless <c>--pci-allow-partial</c>,
/// which reports each partial file; a hierarchy that cannot hang off the board is an error naming the board.
/// </summary>
public class PciOptionTests
{
    private static string Sample => CliRunner.Repo("samples", "boards", "probesim-demo.dts");

    /// <summary>
    /// A root port (PCIe capability at 0x40, type root port) and an endpoint below it, each config file cut to
    /// <paramref name="size"/> bytes; laid out as on a DT machine, below the sample board's host bridge.
    /// </summary>
    private static (string Dump, string RootPortConfig, string EndpointConfig) Dump(int size)
    {
        var dump = TestPaths.NewTempDir();
        var rp = Path.Combine(dump, "sys", "devices", "platform", "40000000.pcie", "pci0000:00", "0000:00:01.0");
        var ep = Path.Combine(rp, "0000:01:00.0");
        Directory.CreateDirectory(ep);
        File.WriteAllBytes(Path.Combine(rp, "config"), Config(0x1b36, 0x000c, 0x060400, header: 1, pcieType: 0x4)[..size]);
        File.WriteAllBytes(Path.Combine(ep, "config"), Config(0x8086, 0x10d3, 0x020000, header: 0, pcieType: 0x0)[..size]);
        return (dump, Path.Combine(rp, "config"), Path.Combine(ep, "config"));
    }

    private static byte[] Config(ushort vendor, ushort device, uint classCode, int header, int pcieType)
    {
        var b = new byte[4096];
        BitConverter.TryWriteBytes(b.AsSpan(0), vendor);
        BitConverter.TryWriteBytes(b.AsSpan(2), device);
        BitConverter.TryWriteBytes(b.AsSpan(8), classCode << 8);
        b[0x06] = 0x10;                  // status: capability list
        b[0x0e] = (byte)header;
        if (header == 1) (b[0x18], b[0x19], b[0x1a]) = (0, 1, 1);
        b[0x34] = 0x40;                  // PCIe capability at 0x40, last in the list
        b[0x40] = 0x10;
        BitConverter.TryWriteBytes(b.AsSpan(0x42), (ushort)(0x2 | pcieType << 4));
        return b;
    }

    [Fact]
    public void A_dump_copied_without_root_is_an_input_error_that_says_why_and_how()
    {
        var (dump, rpConfig, _) = Dump(64);
        var r = CliRunner.Run("boot", Sample, "--pci", dump);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        var line = Assert.Single(r.Err.Trim().Split('\n'));
        Assert.StartsWith($"{rpConfig}: error: config space is 64 bytes, not 256 or 4096: reading sysfs config without root", line);
        Assert.Contains("copy the dump as root", line);
        Assert.Contains("--pci-allow-partial", line);
    }

    [Fact]
    public void Partial_data_asked_for_boots_and_each_file_is_reported_on_stderr()
    {
        var (dump, rpConfig, epConfig) = Dump(64);
        var r = CliRunner.Run("boot", Sample, "--pci", dump, "--pci-allow-partial");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("0000:00:01.0", r.Out);
        var lines = r.Err.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Matches("^(" + System.Text.RegularExpressions.Regex.Escape(rpConfig) + "|"
            + System.Text.RegularExpressions.Regex.Escape(epConfig) + "): warning: ", l));

        var quiet = CliRunner.Run("--quiet", "boot", Sample, "--pci", dump, "--pci-allow-partial");
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal("", quiet.Err);
    }

    [Fact]
    public void A_whole_dump_gives_no_warning()
    {
        var (dump, _, _) = Dump(4096);
        var r = CliRunner.Run("boot", Sample, "--pci", dump);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Err);
        Assert.Matches(@"0000:00:01\.0 +pci +pcieport +bound", r.Out);
    }

    [Fact]
    public void Allow_partial_without_a_dump_is_a_usage_error()
    {
        var r = CliRunner.Run("boot", Sample, "--pci-allow-partial");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("probesim: --pci-allow-partial needs --pci DUMP-DIR (a sysfs dump)", r.Err.Trim());
    }

    [Fact]
    public void Every_command_with_pci_takes_allow_partial()
    {
        var root = Program.CreateRoot(new CliIo(TextWriter.Null, TextWriter.Null), new GlobalOptions());
        var withPci = new List<string>();
        void Walk(Command c, string path)
        {
            if (c.Options.Any(o => o.Name == "--pci"))
            {
                withPci.Add(path);
                Assert.True(c.Options.Any(o => o.Name == "--pci-allow-partial"), $"{path} has --pci but not --pci-allow-partial");
            }
            foreach (var s in c.Subcommands) Walk(s, $"{path} {s.Name}");
        }
        Walk(root, "probesim");
        Assert.Contains("probesim boot", withPci);
        Assert.Superset(new HashSet<string> { "probesim boot", "probesim explain", "probesim check", "probesim corpus boot", "probesim diff" }, withPci.ToHashSet());
    }

    [Fact]
    public void A_board_without_a_host_bridge_is_an_input_error_naming_board_and_option()
    {
        var (dump, _, _) = Dump(4096);
        var board = Path.Combine(TestPaths.NewTempDir(), "nopci.dts");
        File.WriteAllText(board, "/dts-v1/;\n/ { compatible = \"acme,nopci\"; #address-cells = <1>; #size-cells = <1>; };\n");
        var r = CliRunner.Run("boot", board, "--pci", dump);
        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.Err.Trim().Split('\n'));
        Assert.EndsWith("error: --pci: board nopci.dts has no PCI host bridge (no node with device_type = \"pci\"): the PCI hierarchy would be dropped", line);
    }

    [Fact]
    public void A_host_path_the_board_lacks_is_an_input_error_at_host()
    {
        var yaml = Path.Combine(TestPaths.NewTempDir(), "topo.yaml");
        File.WriteAllText(yaml, "pci:\n  host: /pcie@40000000\n  devices:\n    - { slot: 00.0, id: \"8086:10d3\", class: 0x020000 }\n");
        var r = CliRunner.Run("boot", Sample, "--pci", yaml);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{yaml}:2:3: error: host: board probesim-demo.dts has no node /pcie@40000000 (its PCI host bridges: /soc/pcie@40000000)", r.Err.Trim());
    }
}
