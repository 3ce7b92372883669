using ProbeSim.TestSupport;
namespace ProbeSim.Cli.Tests;

/// <summary>
/// <c>probesim boot</c> shows a user action the kernel refused in the device table and in <c>--log</c> (issue 15, item 5):
/// VFIO_GROUP_SET_CONTAINER on a group whose other function is bound to e1000e, which Linux v6.1 refuses with -EPERM
/// (drivers/vfio/container.c:446-450 -> drivers/iommu/iommu.c:3181-3183) without a kernel message.
/// </summary>
public class RefusedActionCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probesim-refused-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Board = SmmuV3PciBoard.Dts;

    private const string Scenario = """
        drivers:
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"] }
        pci:
          host: /pcie@10000000
          devices:
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                - { slot: 00.1, id: "8086:10d4", class: 0x020000 }
        actions:
          - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }

        """;

    [Fact]
    public void Boot_prints_the_refusal_under_the_device_and_the_user_space_error_in_the_log()
    {
        var dts = Path.Combine(_dir, "vfio.dts");
        var yaml = Path.Combine(_dir, "vfio.yaml");
        File.WriteAllText(dts, Board);
        File.WriteAllText(yaml, Scenario);
        var r = CliRunner.Run("boot", dts, "--drivers", yaml, "--profile", "v6.1", "--log");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int row = Array.FindIndex(lines, l => l.StartsWith("0000:01:00.1 ", StringComparison.Ordinal));
        Assert.StartsWith("  ! refused: vfio-set-container at ", lines[row + 1], StringComparison.Ordinal);
        Assert.EndsWith(" s: -1 EPERM, group 1 is not viable: 0000:01:00.0 is bound to e1000e, a kernel DMA-API driver", lines[row + 1], StringComparison.Ordinal);
        // glibc's strerror(EPERM), and QEMU v6.2.0 hw/vfio/common.c:2334 for a group without VFIO_GROUP_FLAGS_VIABLE
        Assert.Contains(lines, l => l.EndsWith("] (user space) /dev/vfio/1: VFIO_GROUP_SET_CONTAINER: Operation not permitted", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("] (user space) qemu: vfio 0000:01:00.1: group 1 is not viable", StringComparison.Ordinal));
    }
}
