using ProbeSim.TestSupport;
namespace ProbeSim.Cli.Tests;

/// <summary>
/// <c>probesim vfio plan BOARD DEVICE</c> (issue 17, item 5) on a DT board with an SMMUv3 and PCI below its host bridge.
/// The groups follow pci_device_group (v6.1 drivers/iommu/iommu.c:1501-1560); viability under v6.1 follows
/// VFIO_GROUP_GET_STATUS (drivers/vfio/vfio_main.c:894-899: viable unless iommu_group_dma_owner_claimed), where every driver
/// without driver_managed_dma counts (drivers/pci/pci-driver.c:1697) and pcieport, pci-stub and vfio-pci have it
/// (portdrv_pci.c:205, pci-stub.c:39, vfio_pci.c:201). The commands are the sysfs files of driver_override
/// (drivers/pci/pci-sysfs.c:611-636), unbind and drivers_probe (drivers/base/bus.c:184-199, 243-254).
/// </summary>
public class VfioPlanCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("probesim-vfioplan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Smmu = SmmuV3PciBoard.Dts;

    // a GPU and its HDMI audio function: multi-function without ACS, so get_pci_function_alias_group puts both functions in
    // one group (iommu.c:1398-1410); the root port above has ACS, so the group stops there (iommu.c:1533-1534)
    private const string Gpu = """
        drivers:
          - { compatible: pci10de,1b80, name: nouveau, bus: pci, pci-ids: ["10de:1b80"] }
          - { compatible: pci10de,10f0, name: snd_hda_intel, bus: pci, pci-ids: ["10de:10f0"] }
        pci:
          host: /pcie@10000000
          devices:
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "10de:1b80", class: 0x030000 }
                - { slot: 00.1, id: "10de:10f0", class: 0x040300 }

        """;

    private (int Code, string[] Out, string Err) Plan(string scenario, string device, string profile = "v6.1", params string[] more)
    {
        var dts = Path.Combine(_dir, "board.dts");
        var yaml = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(dts, Smmu);
        File.WriteAllText(yaml, scenario);
        var r = CliRunner.Run(["vfio", "plan", dts, device, "--drivers", yaml, "--profile", profile, .. more]);
        return (r.ExitCode, r.Out.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'), r.Err);
    }

    private static string[] Commands(string[] lines)
    {
        int start = Array.IndexOf(lines, "commands (as root, in order):");
        Assert.True(start >= 0, string.Join('\n', lines));
        return lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();
    }

    [Fact]
    public void A_gpu_with_its_hdmi_audio_function_unbinds_the_audio_driver_too()
    {
        var (code, lines, _) = Plan(Gpu, "0000:01:00.0");
        Assert.Equal(0, code);
        // groups are numbered as they are made, at probe on a DT board: the root port (pcieport) 0, the GPU 1; the host
        // bridge function has no driver, so no group
        Assert.Contains("0000:01:00.0: iommu group 1 (/sys/kernel/iommu_groups/1), default domain DMA", lines);
        Assert.Contains("  0000:01:00.0 (this device): class 0x030000 display, driver nouveau", lines);
        Assert.Contains("  0000:01:00.1: class 0x040300, driver snd_hda_intel", lines);
        // both drivers are kernel DMA-API users: owner_cnt is 2, so the group is not viable now
        Assert.Contains(lines, l => l.StartsWith("viable for VFIO now: no: 0000:01:00.0, 0000:01:00.1 block", StringComparison.Ordinal));
        Assert.Equal(
        [
            "echo vfio-pci > /sys/bus/pci/devices/0000:01:00.1/driver_override",
            "echo 0000:01:00.1 > /sys/bus/pci/drivers/snd_hda_intel/unbind",
            "echo 0000:01:00.1 > /sys/bus/pci/drivers_probe",
            "echo vfio-pci > /sys/bus/pci/devices/0000:01:00.0/driver_override",
            "echo 0000:01:00.0 > /sys/bus/pci/drivers/nouveau/unbind",
            "echo 0000:01:00.0 > /sys/bus/pci/drivers_probe",
        ], Commands(lines));
    }

    [Fact]
    public void After_those_writes_the_group_is_viable_and_the_model_lets_vfio_set_its_container()
    {
        // the same writes as scenario actions (bind to vfio-pci standing for drivers_probe with the override set)
        var done = Gpu + """
            actions:
              - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 1.1, unbind: 0000:01:00.1 }
              - { at: 1.2, bind: 0000:01:00.1, driver: vfio-pci }
              - { at: 2, driver-override: 0000:01:00.0, driver: vfio-pci }
              - { at: 2.1, unbind: 0000:01:00.0 }
              - { at: 2.2, bind: 0000:01:00.0, driver: vfio-pci }

            """;
        var (code, lines, _) = Plan(done, "0000:01:00.0");
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.StartsWith("viable for VFIO now: yes", StringComparison.Ordinal));
        Assert.DoesNotContain("commands (as root, in order):", lines);
        Assert.Contains(lines, l => l.StartsWith("nothing to do: 0000:01:00.0 is bound to vfio-pci", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nic_behind_a_switch_without_acs_shares_the_group_with_the_other_endpoint_which_is_unbound_too()
    {
        // Downstream ports without ACS: an endpoint joins the group of the port above it (iommu.c:1529-1540; pci_acs_enabled
        // checks a downstream port's own ACS, drivers/pci/pci.c:3706-3708). The switch's upstream port has a second function
        // and no ACS, so it does not isolate either (a multi-function upstream port needs ACS, pci.c:3716-3730), and every
        // port and endpoint below it lands in its group.
        var (code, lines, _) = Plan("""
            drivers:
              - { compatible: pci8086,1533, name: igb, bus: pci, pci-ids: ["8086:1533"] }
              - { compatible: pci8086,15f3, name: igc, bus: pci, pci-ids: ["8086:15f3"] }
            pci:
              host: /pcie@10000000
              devices:
                - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
                - slot: 01.0
                  type: root-port
                  acs: [SV, RR, CR, UF]
                  below:
                    - slot: 00.0
                      type: upstream-port
                      below:
                        - slot: 00.0
                          type: downstream-port
                          below:
                            - { slot: 00.0, id: "8086:1533", class: 0x020000 }
                        - slot: 01.0
                          type: downstream-port
                          below:
                            - { slot: 00.0, id: "8086:15f3", class: 0x020000 }
                    - { slot: 00.1, type: endpoint, id: "10b5:87b0", class: 0x088000 }

            """, "0000:03:00.0");
        Assert.Equal(0, code);
        // the ports are bound to pcieport, which is driver_managed_dma: nothing to do for them
        foreach (var port in new[] { "0000:01:00.0", "0000:02:00.0", "0000:02:01.0" })
        {
            int i = Array.FindIndex(lines, l => l.StartsWith($"  {port}: class 0x060400, bridge, driver pcieport", StringComparison.Ordinal));
            Assert.True(i >= 0, port + "\n" + string.Join('\n', lines));
            Assert.StartsWith("    fine: pcieport has driver_managed_dma", lines[i + 1], StringComparison.Ordinal);
        }
        // the upstream port's second function has no driver, so on a DT board no group yet (of_dma_configure runs at probe)
        Assert.DoesNotContain(lines, l => l.StartsWith("  0000:01:00.1", StringComparison.Ordinal));
        Assert.Contains("  0000:04:00.0: class 0x020000, driver igc", lines);
        Assert.Equal(
        [
            "echo vfio-pci > /sys/bus/pci/devices/0000:04:00.0/driver_override",
            "echo 0000:04:00.0 > /sys/bus/pci/drivers/igc/unbind",
            "echo 0000:04:00.0 > /sys/bus/pci/drivers_probe",
            "echo vfio-pci > /sys/bus/pci/devices/0000:03:00.0/driver_override",
            "echo 0000:03:00.0 > /sys/bus/pci/drivers/igb/unbind",
            "echo 0000:03:00.0 > /sys/bus/pci/drivers_probe",
        ], Commands(lines));
    }

    [Fact]
    public void A_conventional_device_behind_a_pcie_to_pci_bridge_shares_its_group_and_neither_bridge_needs_anything()
    {
        // pcieport matches the PCIe-to-PCI bridge by class, so really_probe runs pci_dma_configure and the bridge joins the
        // root port's group (no ACS there, drivers/iommu/iommu.c:1529-1540) before pcie_portdrv_probe refuses it with -ENODEV
        // (drivers/base/dd.c:620, 638; drivers/pci/pcie/portdrv_pci.c:107-112): in the group, no driver. The conventional
        // function behind it takes the bridge's requester ID and so the same group (iommu.c:1518-1519).
        var (code, lines, _) = Plan("""
            drivers:
              - { compatible: pci8086,1229, name: e100, bus: pci, pci-ids: ["8086:1229"] }
            pci:
              host: /pcie@10000000
              devices:
                - slot: 01.0
                  type: root-port
                  below:
                    - slot: 00.0
                      type: pcie-to-pci-bridge
                      below:
                        - { slot: 01.0, type: pci, id: "8086:1229", class: 0x020000 }

            """, "0000:02:01.0");
        Assert.Equal(0, code);
        int i = Array.IndexOf(lines, "  0000:00:01.0: class 0x060400, bridge, driver pcieport");
        Assert.True(i >= 0, string.Join('\n', lines));
        Assert.Equal("    fine: pcieport has driver_managed_dma, it takes no DMA ownership; nothing to do", lines[i + 1]);
        int j = Array.IndexOf(lines, "  0000:01:00.0: class 0x060400, bridge, driver none");
        Assert.True(j >= 0, string.Join('\n', lines));
        Assert.Equal("    fine: no driver; nothing to do", lines[j + 1]);
        Assert.Equal(
        [
            "echo vfio-pci > /sys/bus/pci/devices/0000:02:01.0/driver_override",
            "echo 0000:02:01.0 > /sys/bus/pci/drivers/e100/unbind",
            "echo 0000:02:01.0 > /sys/bus/pci/drivers_probe",
        ], Commands(lines));
    }

    [Fact]
    public void A_storage_controller_with_a_kernel_driver_in_the_group_is_refused()
    {
        // the NIC and a SATA controller (class 0x010601) are functions of one device without ACS: one group
        var (code, lines, err) = Plan("""
            drivers:
              - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"] }
              - { compatible: pci8086,2922, name: ahci, bus: pci, pci-ids: ["8086:2922"] }
            pci:
              host: /pcie@10000000
              devices:
                - slot: 01.0
                  type: root-port
                  acs: [SV, RR, CR, UF]
                  below:
                    - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                    - { slot: 00.1, id: "8086:2922", class: 0x010601 }

            """, "0000:01:00.0");
        Assert.Equal(4, code);
        var errLines = err.Trim().Split('\n');
        var line = Assert.Single(errLines);
        Assert.StartsWith("probesim: vfio plan: refusing to hand 0000:01:00.0 to vfio-pci: 0000:01:00.1 (class 0x010601 storage) is bound to ahci", line, StringComparison.Ordinal);
        Assert.Contains("not a kernel rule", line, StringComparison.Ordinal);
        Assert.Contains("refused:", lines);
        Assert.DoesNotContain("commands (as root, in order):", lines);
    }

    [Fact]
    public void A_device_without_an_iommu_group_is_refused_naming_what_vfio_needs()
    {
        // no iommu-map: the function has no group, and vfio_group_find_or_alloc returns -EINVAL unless
        // enable_unsafe_noiommu_mode (v6.1 drivers/vfio/vfio_main.c:489-506)
        var dts = Path.Combine(_dir, "noiommu.dts");
        File.WriteAllText(dts, Smmu.Replace(" iommu-map = <0x0 &smmu 0x0 0x10000>;", "", StringComparison.Ordinal));
        var yaml = Path.Combine(_dir, "nic.yaml");
        File.WriteAllText(yaml, Gpu);
        var r = CliRunner.Run("vfio", "plan", dts, "0000:01:00.0", "--drivers", yaml, "--profile", "v6.1");
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("0000:01:00.0: no IOMMU group: VFIO needs the device in an IOMMU group", r.Err, StringComparison.Ordinal);
        Assert.Contains("enable_unsafe_noiommu_mode=1", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_no_driver_has_probed_has_no_group_yet_and_the_plan_says_to_bind_it_first()
    {
        // the audio function's driver is not in the set: nothing probed it, so of_dma_configure (pci_dma_configure,
        // drivers/pci/pci-driver.c:1686-1688) never ran and it is in no group yet
        var (code, lines, err) = Plan(Gpu.Replace("  - { compatible: pci10de,10f0, name: snd_hda_intel, bus: pci, pci-ids: [\"10de:10f0\"] }\n", "", StringComparison.Ordinal), "0000:01:00.1");
        Assert.Equal(4, code);
        Assert.Contains("0000:01:00.1: no IOMMU group yet", err, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("echo vfio-pci > /sys/bus/pci/devices/0000:01:00.1/driver_override; echo 0000:01:00.1 > /sys/bus/pci/drivers_probe", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_names_its_schema_and_lists_members_and_commands()
    {
        var (code, lines, _) = Plan(Gpu, "0000:01:00.0", "v6.1", "--json", "-");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(string.Join('\n', lines));
        var root = doc.RootElement;
        Assert.Equal("probesim-vfio-plan/1", root.GetProperty("schema").GetString());
        Assert.Equal("/sys/kernel/iommu_groups/1", root.GetProperty("group").GetProperty("sysfs").GetString());
        Assert.False(root.GetProperty("viable").GetBoolean());
        Assert.Equal("dma-ownership", root.GetProperty("rule").GetString());
        Assert.Equal(2, root.GetProperty("members").GetArrayLength());
        Assert.Equal("kernel-dma-user", root.GetProperty("members")[1].GetProperty("use").GetString());
        Assert.Equal(6, root.GetProperty("commands").GetArrayLength());
        Assert.False(root.GetProperty("refused").GetBoolean());
    }

    [Fact]
    public void Before_v5_19_the_same_group_blocks_by_vfio_dev_viable()
    {
        var (code, lines, _) = Plan(Gpu, "0000:01:00.0", profile: "v5.10");
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.StartsWith("  rule: before v5.19", StringComparison.Ordinal));
        Assert.Contains("    blocks: snd_hda_intel is neither a VFIO driver nor allowed (vfio_dev_viable); hand to vfio-pci", lines);
    }
}
