namespace ProbeSim.Cli.Tests;

/// <summary>
/// <c>--arch x86_64</c> (issue 17): BOARD is an ACPI machine directory (docs/acpi-machine.md). The machine here is the
/// one the real Debian 6.1 amd64 kernel booted under QEMU q35 with an intel-iommu (tests/ProbeSim.Kernel.Tests/OracleX86,
/// whose tests compare the groups with the kernel's); these tests check the command: inputs, options, errors, plans.
/// </summary>
public class X86MachineCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probesim-x86-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Oracle => CliRunner.Repo("tests", "ProbeSim.Kernel.Tests", "OracleX86", "q35-intel", "machine");

    // the modules the oracle case loaded, by the ids that match QEMU's devices
    private const string Modules = """
        drivers:
          - { compatible: pci8086,100e, name: e1000, bus: pci, pci-ids: ["8086:100e"] }
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"] }
          - { compatible: pci1af4,1000, name: virtio-pci, bus: pci, pci-ids: ["1af4:*"] }
          - { compatible: pciclass,010601, name: ahci, bus: pci, pci-ids: ["class:010601"] }
          - { compatible: pci8086,2918, name: lpc_ich, bus: pci, pci-ids: ["8086:2918"] }
          - { compatible: pci8086,2930, name: i801_smbus, bus: pci, pci-ids: ["8086:2930"] }
        """;

    /// <summary>A copy of the oracle machine (so a test may change its files), with <paramref name="cmdline"/> as its cmdline file.</summary>
    private string Machine(string? cmdline = null)
    {
        var m = Path.Combine(_dir, "machine");
        foreach (var f in Directory.GetFiles(Oracle, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(m, Path.GetRelativePath(Oracle, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        if (cmdline is not null) File.WriteAllText(Path.Combine(m, "cmdline"), cmdline + "\n");
        return m;
    }

    private string Scenario()
    {
        var p = Path.Combine(_dir, "modules.yaml");
        File.WriteAllText(p, Modules);
        return p;
    }

    private static string[] Lines(CliRunner.Result r) => r.Out.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [Fact]
    public void Boot_lists_the_pci_functions_and_the_groups_under_sys()
    {
        var r = CliRunner.Run("boot", "--arch", "x86_64", Machine(), "--profile", "debian-6.1", "--sysfs");
        Assert.Equal(0, r.ExitCode);
        var lines = Lines(r);
        Assert.StartsWith("machine: profile debian-6.1", lines[0]);
        // without --drivers the bundled Debian 12 amd64 PCI tables decide: the drivers the real kernel bound
        Assert.Contains(lines, l => l.StartsWith("machine: profile debian-6.1, drivers debian-6.1-amd64", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("0000:00:02.0  pci  pcieport    bound", StringComparison.Ordinal) && l.EndsWith("modelled", StringComparison.Ordinal));
        // e1000's probe was not read: its binding is a guess, and says so
        Assert.Contains(lines, l => l.StartsWith("0000:00:01.0  pci  e1000       bound", StringComparison.Ordinal) && l.EndsWith("guessed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("0000:00:1f.3  pci  i801_smbus  bound", StringComparison.Ordinal));
        Assert.Contains("│   │   ├── 0000:01:00.0 -> ../../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0", lines);
        Assert.Contains("│   ├── reserved_regions: 0x0000000000000000 0x0000000000ffffff direct-relaxable, 0x00000000fee00000 0x00000000feefffff msi", lines);
    }

    [Fact]
    public void The_machines_command_line_is_used_and_cmdline_replaces_it()
    {
        var m = Machine("BOOT_IMAGE=/vmlinuz root=/dev/vda1 intel_iommu=off");
        var off = CliRunner.Run("boot", "--arch", "x86_64", m, "--profile", "debian-6.1", "--sysfs");
        Assert.Equal(0, off.ExitCode);
        Assert.Contains("cmdline \"BOOT_IMAGE=/vmlinuz root=/dev/vda1 intel_iommu=off\"", off.Out);
        Assert.DoesNotContain("type: DMA-FQ", off.Out);
        var on = CliRunner.Run("boot", "--arch", "x86_64", m, "--profile", "debian-6.1", "--sysfs", "--cmdline", "iommu.strict=1");
        Assert.Contains("│   └── type: DMA", Lines(on));
        Assert.DoesNotContain("intel_iommu=off", on.Out);
    }

    [Fact]
    public void A_malformed_dmar_is_one_line_with_the_byte_offset_and_exit_2()
    {
        var m = Machine();
        var dmar = Path.Combine(m, "tables", "DMAR");
        File.WriteAllBytes(dmar, File.ReadAllBytes(dmar)[..20]);
        var r = CliRunner.Run("boot", "--arch", "x86_64", m);
        Assert.Equal(2, r.ExitCode);
        var err = r.Err.TrimEnd('\n');
        Assert.DoesNotContain('\n', err);
        Assert.Contains("DMAR: error: at byte offset", err);
    }

    [Fact]
    public void A_board_file_with_arch_x86_64_is_refused_naming_what_is_wanted()
    {
        var dts = Path.Combine(_dir, "b.dts");
        File.WriteAllText(dts, "/dts-v1/; / { };");
        var r = CliRunner.Run("boot", "--arch", "x86_64", dts);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("not a directory (with --arch x86_64 the board is an ACPI machine directory", r.Err);
    }

    [Fact]
    public void An_output_never_lands_on_a_file_of_the_machine()
    {
        var m = Machine("quiet");
        var cmdline = Path.Combine(m, "cmdline");
        var r = CliRunner.Run("boot", "--arch", "x86_64", m, "--json", cmdline);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("quiet\n", File.ReadAllText(cmdline));
        var config = Directory.GetFiles(Path.Combine(m, "pci"), "config", SearchOption.AllDirectories)[0];
        var before = File.ReadAllBytes(config);
        Assert.NotEqual(0, CliRunner.Run("boot", "--arch", "x86_64", m, "--json", config).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(config));
    }

    [Fact]
    public void A_nic_behind_a_switch_port_without_acs_is_planned_with_its_port_which_pcieport_keeps()
    {
        // 04:00.0 sits below the downstream port 03:00.0 (no ACS capability): pci_device_group stops at 03:00.0's group
        // (iommu.c:1526-1536); pcieport has driver_managed_dma (portdrv_pci.c:205), virtio-pci does not
        var r = CliRunner.Run("vfio", "plan", "--arch", "x86_64", Machine(), "0000:04:00.0", "--profile", "debian-6.1", "--drivers", Scenario());
        Assert.Equal(0, r.ExitCode);
        var lines = Lines(r);
        Assert.Contains("0000:04:00.0: iommu group 7 (/sys/kernel/iommu_groups/7), default domain DMA-FQ", lines);
        Assert.Contains("  0000:03:00.0: class 0x060400, bridge, driver pcieport", lines);
        Assert.Contains("echo 0000:04:00.0 > /sys/bus/pci/drivers/virtio-pci/unbind", r.Out);
    }

    [Fact]
    public void A_function_whose_group_holds_the_bound_ahci_controller_is_refused()
    {
        // ICH9's 00:1f.x functions share group 5 (multi-function, no ACS); taking ahci's storage controller is unsafe
        var r = CliRunner.Run("vfio", "plan", "--arch", "x86_64", Machine(), "0000:00:1f.3", "--profile", "debian-6.1", "--drivers", Scenario());
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("0000:00:1f.2", r.Err);
    }
}
