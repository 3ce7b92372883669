using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>
/// Debian 12's amd64 kernel (linux-image-6.1.0-56-amd64 6.1.192-2) as PCI driver tables: kernels/debian-6.1-amd64
/// with ../shared/kernels/debian-bookworm-amd64/config.txt. Rows are checked against the 6.1.192 source (file:line in each test).
/// </summary>
public class PciDriverTablesTests
{
    internal static readonly Lazy<PciDriverTables> Debian = new(() => new PciDriverTables(TablesDir, ConfigPath));

    internal static string TablesDir => Path.Combine(TestPaths.RepoRoot, "kernels", "debian-6.1-amd64");

    internal static string ConfigPath => Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-amd64", "config.txt");

    /// <summary>Names of the drivers whose tables match, in the order the kernel offers the device to them.</summary>
    private static string[] Match(ushort vendor, ushort device, uint cls, ushort? subvendor = 0x1af4, ushort? subdevice = 0x1100) =>
        Debian.Value.Matching(vendor, device, subvendor, subdevice, cls).Select(d => d.Name).ToArray();

    [Fact]
    public void Counts_match_the_derived_files()
    {
        var t = Debian.Value;
        Assert.Equal("debian-6.1-amd64", t.Name);
        Assert.Equal(8961, t.ModuleAliases.Count);                       // 8960 pci: + 1 vfio_pci: (8 repeated lines of modules.alias kept once)
        Assert.Equal(1, t.ModuleAliases.Count(a => a.Id.OverrideOnly));
        Assert.Equal(4023, t.KernelModules.Count);                       // modules.order
        Assert.Equal(599, t.KernelModules.Count(m => m.AliasRows > 0));
        Assert.True(t.Modules);
        var modules = t.Drivers.Where(d => d.Availability == DriverAvailability.Module).ToList();
        Assert.Equal(600, modules.Count);                                // 599 with aliases + pci_stub (no alias: id_table NULL)
        Assert.All(modules, d => Assert.Equal(DriverBus.Pci, d.Bus));
        Assert.All(modules, d => Assert.Equal(KernelDriverTables.DefaultModuleAutoloadAt, d.LoadAt));
        // modules in modules.order order
        var order = modules.Select(d => t.KernelModules.Single(k => k.Module == d.Module).Order).ToList();
        Assert.Equal(order.Order(), order);
        Assert.Equal(t.Drivers.Select(d => d.Name).Distinct().Count(), t.Drivers.Count);
        // amd64 has no CONFIG_VFIO_PLATFORM: the set names it absent so that the kernel model does not add it
        Assert.Equal(DriverAvailability.Absent, t.Drivers.Single(d => d.Name == "vfio-platform").Availability);
    }

    [Fact]
    public void Built_ins_follow_the_config_and_link_order()
    {
        var t = Debian.Value;
        // registration order within device_initcall: arch/x86, drivers/pci/pcie, drivers/pci/hotplug, drivers/xen, drivers/tty, drivers/char/agp
        Assert.Equal(["iosf_mbi_pci", "pcieport", "shpchp", "xen-platform-pci", "serial", "8250_mid", "8250_pericom",
            "agpgart-amd64", "agpgart-intel", "agpgart-sis", "agpgart-via"], t.BuiltIns.Select(b => b.Name));
        Assert.Equal(t.BuiltIns.Select(b => b.Name), t.Drivers.Where(d => d.Availability == DriverAvailability.BuiltIn).Select(d => d.Name));
        Assert.All(t.BuiltIns, b => Assert.Equal("y", t.Config[b.Config]));
        Assert.Equal("CONFIG_PCIEPORTBUS", t.BuiltIns.Single(b => b.Name == "pcieport").Config);
        Assert.Equal("CONFIG_HOTPLUG_PCI_SHPC", t.BuiltIns.Single(b => b.Name == "shpchp").Config);
        // pci-stub, vfio-pci, the USB host controllers, ahci and nvme are modules in this kernel
        foreach (var (symbol, driver) in new[] { ("CONFIG_PCI_STUB", "pci-stub"), ("CONFIG_VFIO_PCI", "vfio-pci"), ("CONFIG_USB_XHCI_PCI", "xhci_hcd"),
                     ("CONFIG_USB_EHCI_PCI", "ehci-pci"), ("CONFIG_USB_OHCI_HCD_PCI", "ohci-pci"), ("CONFIG_USB_UHCI_HCD", "uhci_hcd"),
                     ("CONFIG_SATA_AHCI", "ahci"), ("CONFIG_BLK_DEV_NVME", "nvme") })
        {
            Assert.Equal("m", t.Config[symbol]);
            Assert.Equal(DriverAvailability.Module, t.Drivers.Single(d => d.Name == driver).Availability);
        }
        // portdrv_pci.c:181-185: classes 060400, 060401 and 080700 (RCEC); driver_managed_dma at portdrv_pci.c:205
        var port = t.Drivers.Single(d => d.Name == "pcieport");
        Assert.Equal(["class:060400", "class:060401", "class:080700"], port.PciIds.Select(i => i.ToString()));
        Assert.True(port.DriverManagedDma);
        // shpchp_core.c:315: class 060400 only; no driver_managed_dma
        var shpc = t.Drivers.Single(d => d.Name == "shpchp");
        Assert.Equal(["class:060400"], shpc.PciIds.Select(i => i.ToString()));
        Assert.False(shpc.DriverManagedDma);
        // a table not transcribed: the driver exists but binds only through driver_override
        var agp = t.Drivers.Single(d => d.Name == "agpgart-intel");
        Assert.Empty(agp.PciIds);
        Assert.Contains("binds only through driver_override", agp.Origin);
    }

    [Fact]
    public void E1000e_matches_82574L_by_id()
    {
        // drivers/net/ethernet/intel/e1000e/netdev.c:7815 PCI_VDEVICE(INTEL, E1000_DEV_ID_82574L); hw.h:28 = 0x10D3
        Assert.Equal(["e1000e"], Match(0x8086, 0x10d3, 0x020000, 0x8086, 0x0000));
        // e1000_main.c:30 INTEL_E1000_ETHERNET_DEVICE(0x100E): PCI_DEVICE(INTEL, 0x100E) (e1000.h:49-50)
        Assert.Equal(["e1000"], Match(0x8086, 0x100e, 0x020000));
    }

    [Theory]
    [InlineData(0x1000)]
    [InlineData(0x1041)]
    [InlineData(0x1042)]
    [InlineData(0x107f)]
    [InlineData(0x1110)]   // ivshmem: the table matches, the probe declines (below)
    public void Virtio_pci_matches_every_red_hat_device_whatever_its_class(int device)
    {
        // virtio_pci_common.c:507 PCI_DEVICE(PCI_VENDOR_ID_REDHAT_QUMRANET, PCI_ANY_ID): no class, no subsystem
        foreach (var cls in new uint[] { 0x020000, 0x010000, 0x050000, 0xff0000 })
            Assert.Contains("virtio-pci", Match(0x1af4, (ushort)device, cls, null, null));
        var id = Assert.Single(Debian.Value.Drivers.Single(d => d.Name == "virtio-pci").PciIds);
        Assert.Equal(new PciId(0x1af4, null), id);
    }

    [Theory]
    [InlineData(0x0fff, false)]
    [InlineData(0x1000, true)]
    [InlineData(0x103f, true)]
    [InlineData(0x1040, true)]
    [InlineData(0x107f, true)]
    [InlineData(0x1080, false)]
    [InlineData(0x1110, false)]
    public void Virtio_pci_probe_keeps_1000_to_107f(int device, bool accepted)
    {
        // vp_modern_probe: 0x1000-0x107f (virtio_pci_modern_dev.c:225-226); vp_legacy_probe 0x1000-0x103f (virtio_pci_legacy_dev.c:22-23)
        var topo = ProbeSim.Kernel.Pci.PciTopologyFile.Parse($"pci:\n  devices:\n    - {{ slot: 01.0, id: \"1af4:{device:x4}\", class: 0x020000 }}\n", "t.yaml");
        Assert.Equal(accepted, ProbeSim.Kernel.Pci.PciProbeChecks.Declines("virtio-pci", topo.Functions[0]) is null);
    }

    [Fact]
    public void Ahci_matches_the_ahci_class_of_any_vendor()
    {
        // ahci.c:652-653: PCI_ANY_ID x4, PCI_CLASS_STORAGE_SATA_AHCI (pci_ids.h:25 = 0x010601), mask 0xffffff
        Assert.Equal(["ahci"], Match(0x1234, 0x5678, 0x010601));
        Assert.Empty(Match(0x1234, 0x5678, 0x010600));
        // ahci.c:292 PCI_VDEVICE(INTEL, 0x2922) (ICH9): by id as well
        Assert.Equal(["ahci"], Match(0x8086, 0x2922, 0x010601));
    }

    [Fact]
    public void Ahci_dell_raid_entry_needs_the_subsystem_vendor()
    {
        // ahci.c:482-483: PCI_VENDOR_ID_INTEL, PCI_ANY_ID, PCI_SUBVENDOR_ID_DELL, PCI_ANY_ID, PCI_CLASS_STORAGE_RAID << 8, 0xffffff
        Assert.Contains("ahci", Match(0x8086, 0x9999, 0x010400, 0x1028, 0x0001));
        Assert.DoesNotContain("ahci", Match(0x8086, 0x9999, 0x010400, 0x1043, 0x0001));
        // unknown subsystem ids fail an entry that asks for one
        Assert.DoesNotContain("ahci", Match(0x8086, 0x9999, 0x010400, null, null));
    }

    [Fact]
    public void Usb_host_controllers_match_by_class()
    {
        // xhci-pci.c:775 PCI_DEVICE_CLASS(PCI_CLASS_SERIAL_USB_XHCI, ~0), pci_ids.h:123 = 0x0c0330; driver name hcd_name "xhci_hcd" (xhci-pci.c:94)
        Assert.Equal(["xhci_hcd"], Match(0x1b36, 0x000d, 0x0c0330));
        Assert.Equal(["ehci-pci"], Match(0x8086, 0x24cd, 0x0c0320));      // ehci-pci.c:397 PCI_DEVICE_CLASS(PCI_CLASS_SERIAL_USB_EHCI, ~0)
        Assert.Empty(Match(0x1b36, 0x000d, 0x0c0331));
    }

    [Fact]
    public void A_partial_class_mask_keeps_only_the_base_class()
    {
        // include/drm/i915_pciids.h:38-42 INTEL_VGA_DEVICE: class 0x030000, class_mask 0xff0000 (alias bc03sc*i*)
        var row = Debian.Value.ModuleAliases.Single(a => a.Module == "i915" && a.Id.Device == 0x0042 && a.Id.Subvendor is null);
        Assert.Equal("pci:v00008086d00000042sv*sd*bc03sc*i*", row.RawAlias);
        Assert.Equal((0x030000u, 0xff0000u), (row.Id.Class!.Value, row.Id.ClassMask));
        Assert.Contains("i915", Match(0x8086, 0x0042, 0x038000));
        Assert.DoesNotContain("i915", Match(0x8086, 0x0042, 0x040000));
    }

    [Fact]
    public void Override_only_entries_match_only_through_driver_override()
    {
        // vfio_pci.c:188 PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_ANY_ID, PCI_ANY_ID): file2alias writes vfio_pci:, do_pci_match_id skips it without driver_override
        var vfio = Debian.Value.Drivers.Single(d => d.Name == "vfio-pci");
        var id = Assert.Single(vfio.PciIds);
        Assert.True(id.OverrideOnly);
        Assert.False(id.Matches(0x8086, 0x10d3, 0x8086, 0, 0x020000));
        Assert.True(id.Matches(0x8086, 0x10d3, 0x8086, 0, 0x020000, driverOverride: true));
        Assert.DoesNotContain("vfio-pci", Match(0x8086, 0x10d3, 0x020000));
        Assert.Equal("vfio_pci:v*d*sv*sd*bc*sc*i*", Debian.Value.ModuleAliases.Single(a => a.Module == "vfio_pci").RawAlias);
        // vfio_pci.c:201 and pci-stub.c:39: driver_managed_dma
        Assert.True(vfio.DriverManagedDma);
        var stub = Debian.Value.Drivers.Single(d => d.Name == "pci-stub");
        Assert.Empty(stub.PciIds);
        Assert.True(stub.DriverManagedDma);
        Assert.Equal("pci_stub", stub.Module);
    }

    [Fact]
    public void Several_modules_are_offered_the_device_in_modules_order_order()
    {
        // 1002:1304 (Kaveri) is in radeon's table (include/drm/drm_pciids.h:3) and amdgpu's (amdgpu_drv.c:1740);
        // modules.order has radeon (469) before amdgpu (470): `modprobe -R` lists radeon first, and radeon registers first
        Assert.Equal(["radeon", "amdgpu"], Match(0x1002, 0x1304, 0x030000));
        // 8086:2652 (ICH6 AHCI) in ahci (2513) and ata_piix (2520)
        Assert.Equal(["ahci", "ata_piix"], Match(0x8086, 0x2652, 0x010601));
    }

    [Theory]
    [InlineData("i2c_i801", "i801_smbus")]     // i2c-i801.c:1844 .name = DRV_NAME, i2c-i801.c:94
    [InlineData("virtio_pci", "virtio-pci")]   // virtio_pci_common.c:641
    [InlineData("snd_hda_intel", "snd_hda_intel")] // hda_intel.c:2870 KBUILD_MODNAME
    [InlineData("xhci_pci", "xhci_hcd")]       // xhci-pci.c:791, hcd_name xhci-pci.c:94
    [InlineData("ehci_pci", "ehci-pci")]       // ehci-pci.c:407, ehci-pci.c:19
    [InlineData("lpc_ich", "lpc_ich")]         // lpc_ich.c:1368
    [InlineData("mei_me", "mei_me")]           // pci-me.c:533 KBUILD_MODNAME
    [InlineData("vfio_pci", "vfio-pci")]       // vfio_pci.c:195
    [InlineData("e1000e", "e1000e")]           // netdev.c:7937, netdev.c:32
    [InlineData("amdgpu", "amdgpu")]           // amdgpu_drv.c:2898, amdgpu_drv.h:41
    public void Driver_names_come_from_the_source(string module, string driver)
    {
        var d = Debian.Value.Drivers.Single(x => x.Module == module);
        Assert.Equal(driver, d.Name);
        Assert.Contains("driver name from drivers/", d.Origin.Replace("from sound/", "from drivers/"));
        Assert.DoesNotContain("guess", d.Origin);
    }

    [Fact]
    public void Other_driver_names_are_marked_as_guesses()
    {
        var d = Debian.Value.Drivers.Single(x => x.Module == "ata_piix");
        Assert.Equal("ata_piix", d.Name);
        Assert.Contains("driver name 'ata_piix' is the module name, a guess", d.Origin);
        // 600 module drivers, 23 of them named from the source (pci-driver-names.tsv without nvidia)
        Assert.Equal(577, Debian.Value.Drivers.Count(x => x.Origin.Contains("a guess", StringComparison.Ordinal)));
        // probe types set in the source: i2c-i801.c:1851 and pci-me.c:539 PROBE_PREFER_ASYNCHRONOUS
        Assert.True(Debian.Value.Drivers.Single(x => x.Name == "i801_smbus").AsyncProbe);
        Assert.True(Debian.Value.Drivers.Single(x => x.Name == "mei_me").AsyncProbe);
        Assert.False(Debian.Value.Drivers.Single(x => x.Name == "e1000e").AsyncProbe);
    }

    [Fact]
    public void Nvidia_is_not_in_the_package()
    {
        var fact = Debian.Value.DriverNames.Single(f => f.Module == "nvidia");
        Assert.False(fact.InPackage);
        Assert.Contains("not in Debian main", fact.Note);
        Assert.DoesNotContain(Debian.Value.Drivers, d => d.Name == "nvidia");
        // NVIDIA GPUs get nouveau: nouveau_drm.c:1284-1288 matches 10de:* with base class 03 (class_mask 0xff << 16)
        Assert.Equal(["nouveau"], Match(0x10de, 0x1c03, 0x030000));
    }

    [Fact]
    public void Resolve_gives_the_same_set_for_every_board()
    {
        var t = Debian.Value;
        var a = t.Resolve(TestDts.Compile("/ { };"));
        Assert.Same(a, t.Resolve(TestDts.Compile("/ { compatible = \"x\"; };")));
        Assert.Equal("debian-6.1-amd64", a.Name);
        Assert.Equal(KernelDriverTables.DefaultModuleAutoloadAt, a.ModuleAutoloadAt);
        Assert.Same(t.Drivers, a.Drivers);
    }
}
