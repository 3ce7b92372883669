using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Machine;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Tests.OracleX86;
using ProbeSim.Kernel.X86;
using static ProbeSim.Kernel.Tests.X86.DmarBytes;

namespace ProbeSim.Kernel.Tests.X86;

/// <summary>
/// The intel-iommu decisions of Linux 6.1 (Debian 6.1.192 source) on machines written by hand: a DMAR table in bytes and
/// a PCI hierarchy in YAML, booted with Debian 12's amd64 .config (CONFIG_INTEL_IOMMU_DEFAULT_ON_INTGPU_OFF=y,
/// CONFIG_IOMMU_DEFAULT_DMA_LAZY=y, CONFIG_INTEL_IOMMU_FLOPPY_WA=y).
/// </summary>
public class IntelIommuTests
{
    // a root port with ACS (SV RR CR UF implemented, nothing enabled by firmware) over an endpoint; an Intel display
    // function on the root bus; a USB controller and a NIC on the root bus
    private const string Pci = """
        pci:
          devices:
            - { slot: 00.0, id: "8086:3e30", class: 0x060000 }
            - { slot: 02.0, id: "8086:3e92", class: 0x030000 }
            - { slot: 14.0, id: "8086:a36d", class: 0x0c0330 }
            - slot: 1c.0
              type: root-port
              id: "8086:a33c"
              acs-cap: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "10de:1b80", class: 0x030000 }
                - { slot: 00.1, id: "10de:10f0", class: 0x040300 }
            - slot: 1d.0
              type: root-port
              id: "8086:a330"
              acs-cap: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:1533", class: 0x020000 }
        """;

    private static readonly byte[] IncludeAll = Table(0, Drhd(1, 0xfed91000));

    private static BootResult Boot(byte[] dmar, string cmdline = "")
    {
        var topo = PciTopologyFile.Parse(Pci, "machine.yaml");
        var acpi = new AcpiMachine("machine", DmarParser.Parse(dmar, "DMAR"), null, null, null, null);
        var options = new BootOptions { Profile = "debian-6.1", Cmdline = cmdline, X86 = new X86MachineInputs(acpi, topo, OracleX86Tests.DebianAmd64) };
        return options.Boot(new DtTree(), "machine");
    }

    private static string TypeOf(BootResult r, string dev) => r.IommuGroups.Single(g => g.Devices.Contains(dev)).Type;

    [Fact]
    public void Debian_leaves_the_integrated_intel_gpu_untranslated_unless_intel_iommu_is_on()
    {
        // IS_INTGPU_DEVICE: class 03, vendor 8086, root bus (intel/iommu.c:38-40); dmar_map_intgpu = 0 without
        // CONFIG_INTEL_IOMMU_DEFAULT_ON (iommu.c:315) sets IDENTMAP_INTGPU (iommu.c:3074-3075): identity (iommu.c:2681-2682)
        var r = Boot(IncludeAll);
        Assert.Equal("identity", TypeOf(r, "0000:00:02.0"));
        Assert.Equal("DMA-FQ", TypeOf(r, "0000:01:00.0"));
        // intel_iommu=on sets dmar_map_intgpu = 1 (iommu.c:351-353)
        Assert.Equal("DMA-FQ", TypeOf(Boot(IncludeAll, "intel_iommu=on"), "0000:00:02.0"));
    }

    [Fact]
    public void Igfx_off_puts_every_display_function_in_an_identity_domain()
    {
        // intel_iommu=igfx_off: dmar_map_gfx = 0 (iommu.c:359-361) -> IDENTMAP_GFX (iommu.c:3071-3072) for class 03
        // (IS_GFX_DEVICE, iommu.c:37); the discrete GPU's group has its audio function, which asks nothing, so identity wins
        var r = Boot(IncludeAll, "intel_iommu=on,igfx_off");
        Assert.Equal("identity", TypeOf(r, "0000:00:02.0"));
        Assert.Equal("identity", TypeOf(r, "0000:01:00.0"));
        Assert.Equal("DMA-FQ", TypeOf(r, "0000:02:00.0"));
    }

    [Fact]
    public void Acs_requested_at_detection_isolates_the_root_ports_so_the_gpu_and_the_nic_get_groups_of_their_own()
    {
        // detect_intel_iommu -> pci_request_acs (intel/dmar.c:941-943) before PCI is scanned, so pci_enable_acs sets the
        // root ports' SV RR CR UF; the GPU's two functions share a group (multi-function without ACS), the port its own
        var r = Boot(IncludeAll);
        var gpu = r.IommuGroups.Single(g => g.Devices.Contains("0000:01:00.0"));
        Assert.Equal(["0000:01:00.0", "0000:01:00.1"], gpu.Devices.Order(StringComparer.Ordinal));
        Assert.Equal(["0000:02:00.0"], r.IommuGroups.Single(g => g.Devices.Contains("0000:02:00.0")).Devices);
        Assert.Equal(["0000:00:1c.0"], r.IommuGroups.Single(g => g.Devices.Contains("0000:00:1c.0")).Devices);
    }

    [Fact]
    public void A_unit_scoped_to_a_bridge_translates_what_is_below_it_and_is_registered_first()
    {
        // dmar0 names the root port 00:1d.0 (bridge scope); dmar1 is INCLUDE_PCI_ALL. dmar_register_drhd_unit puts
        // INCLUDE_ALL units at the tail (intel/dmar.c:68-78), so dmar0 registers first and its devices get groups first;
        // device_to_iommu matches the bridge's sub-hierarchy (iommu.c:784-785, is_downstream_to_pci_bridge iommu.c:671-688)
        var dmar = Table(0, Drhd(0, 0xfed90000, Scope(2, 0, (0x1d, 0))), Drhd(1, 0xfed91000));
        var r = Boot(dmar);
        Assert.Equal(["0000:00:1d.0", "0000:02:00.0"], r.Iommus.Single(i => i.Name == "dmar0").Devices);
        Assert.Equal(0, r.IommuGroups.Single(g => g.Devices.Contains("0000:00:1d.0")).Id);
        Assert.Equal(1, r.IommuGroups.Single(g => g.Devices.Contains("0000:02:00.0")).Id);
        Assert.DoesNotContain("0000:02:00.0", r.Iommus.Single(i => i.Name == "dmar1").Devices);
    }

    [Fact]
    public void A_unit_whose_scope_names_no_present_device_is_ignored()
    {
        // init_no_remapping_devices: no device in scope -> ignored (iommu.c:3142-3150); an ignored unit is not registered
        // (for_each_active_iommu), so nothing it would translate gets a group
        var dmar = Table(0, Drhd(0, 0xfed90000, Scope(1, 0, (0x1f, 7))));
        var r = Boot(dmar);
        Assert.Empty(r.Iommus);
        Assert.Empty(r.IommuGroups);
    }

    [Fact]
    public void Rmrr_regions_are_direct_and_relaxable_for_usb_and_display_functions()
    {
        // intel_iommu_get_resv_regions (iommu.c:4652-4676): RMRR scope devices get the range, relaxable for USB and GFX
        // (device_rmrr_is_relaxable, iommu.c:2617-2629); then the IOAPIC range as msi (iommu.c:4693-4698)
        var dmar = Table(0, Drhd(1, 0xfed91000), Rmrr(0x7a000000, 0x7a0fffff, Scope(1, 0, (0x14, 0))), Rmrr(0x7b000000, 0x7b0fffff, Scope(1, 2, (0, 0))));
        var r = Boot(dmar);
        Assert.Equal(["0x000000007a000000 0x000000007a0fffff direct-relaxable", "0x00000000fee00000 0x00000000feefffff msi"],
            r.IommuGroups.Single(g => g.Devices.Contains("0000:00:14.0")).ReservedRegions);
        Assert.Equal(["0x000000007b000000 0x000000007b0fffff direct", "0x00000000fee00000 0x00000000feefffff msi"],
            r.IommuGroups.Single(g => g.Devices.Contains("0000:02:00.0")).ReservedRegions);
    }

    [Theory]
    [InlineData("iommu=pt", "identity")]
    [InlineData("iommu=nopt", "DMA-FQ")]
    [InlineData("iommu.strict=1", "DMA")]
    public void The_x86_iommu_parameter_sets_the_default_domain_type(string cmdline, string type)
    {
        // iommu_setup "pt"/"nopt" (arch/x86/kernel/pci-dma.c:176-179) -> iommu_set_default_passthrough/translated(true)
        var r = Boot(IncludeAll, cmdline);
        Assert.Equal(type, TypeOf(r, "0000:02:00.0"));
        if (type == "identity") Assert.Contains(r.Log, l => l.Text == "iommu: Default domain type: Passthrough (set via kernel command line)");
    }

    [Theory]
    [InlineData("iommu=off")]
    [InlineData("intel_iommu=off")]
    public void Off_leaves_every_device_without_a_group(string cmdline)
    {
        // intel_iommu_init: no_iommu or dmar_disabled -> intel_disable_iommus, no unit registered (iommu.c:4035-4057)
        var r = Boot(IncludeAll, cmdline);
        Assert.Empty(r.IommuGroups);
        Assert.Equal("direct", r.Devices.Single(d => d.Name == "0000:02:00.0").DmaOps ?? "direct");
    }
}
