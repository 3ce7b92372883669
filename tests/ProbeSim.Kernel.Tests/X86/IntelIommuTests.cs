using ProbeSim.Acpi.Dmar;
using ProbeSim.Acpi.Machine;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;
using ProbeSim.Kernel.Tests.OracleX86;
using ProbeSim.Kernel.X86;
using static ProbeSim.Acpi.Tests.DmarBytes;

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

    // the DMAR header and structures laid out by the Acpi tests' builders (VT-d specification, section 8)
    private static byte[] Dmar(params byte[][] structures) => Table().Bytes([.. structures.SelectMany(x => x)]).Build();

    private static readonly byte[] IncludeAll = Dmar(Drhd(1, 0, 0xfed91000));

    // igb's id table names 8086:1533 (drivers/net/ethernet/intel/igb/igb_main.c)
    private const string Igb = """
        drivers:
          - { compatible: pci8086,1533, name: igb, bus: pci, pci-ids: ["8086:1533"] }
        """;

    private static BootResult Boot(byte[] dmar, string cmdline = "", string profile = "debian-6.1")
    {
        var topo = PciTopologyFile.Parse(Pci, "machine.yaml");
        var acpi = new AcpiMachine("machine", DmarParser.Parse(dmar, "DMAR"), null, null, null, null);
        var options = new BootOptions { Profile = profile, Cmdline = cmdline, X86 = new X86MachineInputs(acpi, topo, OracleX86Tests.DebianAmd64) }
            .WithScenario(ScenarioFile.Parse(Igb, "igb.yaml"), profileGiven: true);
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
        var dmar = Dmar(Drhd(0, 0, 0xfed90000, 0, Scope(2, 0, 0, 0x1d, 0)), Drhd(1, 0, 0xfed91000));
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
        var dmar = Dmar(Drhd(0, 0, 0xfed90000, 0, Scope(1, 0, 0, 0x1f, 7)));
        var r = Boot(dmar);
        Assert.Empty(r.Iommus);
        Assert.Empty(r.IommuGroups);
    }

    [Fact]
    public void Rmrr_regions_are_direct_and_relaxable_for_usb_and_display_functions()
    {
        // intel_iommu_get_resv_regions (iommu.c:4652-4676): RMRR scope devices get the range, relaxable for USB and GFX
        // (device_rmrr_is_relaxable, iommu.c:2617-2629); then the IOAPIC range as msi (iommu.c:4693-4698)
        var dmar = Dmar(Drhd(1, 0, 0xfed91000), Rmrr(0, 0x7a000000, 0x7a0fffff, Scope(1, 0, 0, 0x14, 0)), Rmrr(0, 0x7b000000, 0x7b0fffff, Scope(1, 0, 2, 0, 0)));
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
        // no IOMMU ops: pci_dma_configure leaves dma-direct (x86 has no IORT/VIOT)
        Assert.Equal("direct", r.Devices.Single(d => d.Name == "0000:02:00.0").DmaOps);
    }

    [Theory]
    [InlineData("", "iommu-dma")]
    [InlineData("iommu=pt", "direct")]
    public void A_bound_function_uses_iommu_dma_only_behind_a_dma_domain(string cmdline, string ops)
    {
        // intel_iommu_probe_finalize -> iommu_setup_dma_ops (intel/iommu.c:4636-4640): iommu_dma_ops for a DMA or
        // DMA-FQ default domain, dma-direct for an identity one
        var r = Boot(IncludeAll, cmdline);
        var nic = r.Devices.Single(d => d.Name == "0000:02:00.0");
        Assert.Equal("igb", nic.Driver);
        Assert.Equal(ops, nic.DmaOps);
    }

    [Fact]
    public void Before_v6_2_every_unit_is_listed_before_bus_set_iommu_so_both_units_devices_get_groups()
    {
        // v5.10 intel_iommu_init: iommu_device_register per unit, then one bus_set_iommu(&pci_bus_type) after the loop;
        // bus_set_iommu probes every device, each finding its own unit
        var dmar = Dmar(Drhd(0, 0, 0xfed90000, 0, Scope(2, 0, 0, 0x1d, 0)), Drhd(1, 0, 0xfed91000));
        var r = Boot(dmar, profile: "v5.10");
        Assert.Equal(["0000:00:1d.0", "0000:02:00.0"], r.Iommus.Single(i => i.Name == "dmar0").Devices);
        Assert.Contains("0000:01:00.0", r.Iommus.Single(i => i.Name == "dmar1").Devices);
        // all eight functions of the machine
        Assert.Equal(8, r.IommuGroups.SelectMany(g => g.Devices).Count());
    }

    [Theory]
    [InlineData("v5.10", false)]
    [InlineData("debian-6.1", true)]
    public void The_no_satc_line_comes_with_kernels_that_know_satc(string profile, bool line)
    {
        // 6.1.192 intel_iommu_init prints "No SATC found" (intel/iommu.c:4068-4069); v5.10 has no SATC structure
        var r = Boot(IncludeAll, profile: profile);
        Assert.Equal(line, r.Log.Any(l => l.Text == "DMAR: No SATC found"));
        Assert.Contains(r.Log, l => l.Text == "DMAR: No RMRR found");
    }
}
