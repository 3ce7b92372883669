using ProbeSim.Acpi.Ivrs;
using ProbeSim.Acpi.Tests;
using ProbeSim.Kernel.Iommu.Amd;
using static ProbeSim.Kernel.Tests.Iommu.Amd.AmdIvrs;

namespace ProbeSim.Kernel.Tests.Iommu.Amd;

/// <summary>
/// QEMU's own q35 IVRS (<c>-device amd-iommu</c>; QEMU tests/data/acpi/q35/IVRS.ivrs, bytes in ProbeSim.Acpi.Tests
/// QemuTables): one type 10h IVHD for the IOMMU at 00:02.0 selecting 00:00.0, 00:01.0, 00:02.0, 00:1f.0, 00:1f.2 and
/// 00:1f.3, and the IOAPIC (id 0) at 00:14.0. "init.c" and "iommu.c" are drivers/iommu/amd/ of linux-source-6.1.
/// </summary>
public class AmdQemuIvrsTests
{
    private static readonly IvrsTable Ivrs = IvrsParser.Parse(QemuTables.Ivrs);

    [Fact]
    public void Qemu_q35_ivrs_gives_one_iommu_with_every_listed_device_in_scope()
    {
        var s = AmdIommuInit.Run(Ivrs);
        // detect_ivrs (init.c:3231-3232), state_next (init.c:3261-3262)
        Assert.Equal(AmdIommuInitState.AcpiFinished, s.State);
        Assert.True(s.AcsRequested);
        var t = s.Tables!;
        // init_iommu_one (init.c:1775, 1788-1789): one IOMMU, its function 00:02.0, capability at 0x40
        var iommu = Assert.Single(s.Iommus);
        Assert.Equal("ivhd0", iommu.SysfsName);
        Assert.Equal("0000:00:02.0", iommu.PciName);
        Assert.Equal(0x40, iommu.CapabilityOffset);
        Assert.Equal(0xfed80000UL, iommu.MmioBase);
        // find_last_devid_from_ivhd (init.c:576-583): the highest SELECT, 00:1f.3
        Assert.Equal(0xfb, Assert.Single(t.Segments).LastBdf);
        // check_device (iommu.c:364-373): every device QEMU listed is translated by ivhd0 ...
        foreach (var devid in new[] { D(0, 0, 0), D(0, 1, 0), D(0, 0x1f, 0), D(0, 0x1f, 2), D(0, 0x1f, 3) })
            Assert.Same(iommu, AmdIommuDevice.Check(t, 0, devid).Iommu);
        // ... but its own function (init_iommu_one_late, init.c:1882)
        Assert.Equal(new AmdIommuOwnFunction(0, D(0, 2, 0), 0), AmdIommuDevice.Check(t, 0, D(0, 2, 0)).Refusal);
        // a device QEMU did not list (a NIC added at 00:03.0 after the table was built) has no rlookup entry
        Assert.IsType<AmdNotInIvrs>(AmdIommuDevice.Check(t, 0, D(0, 3, 0)).Refusal);
        // init_iommu_from_acpi (init.c:1501-1510): the IOAPIC map, and its source's rlookup entry
        Assert.Equal(new AmdSpecialDevice(0, 0, D(0, 0x14, 0), false), Assert.Single(t.IoApics));
        Assert.Same(iommu, t.IommuFor(0, D(0, 0x14, 0)));
        Assert.Empty(t.Segments[0].Aliases());
    }
}
