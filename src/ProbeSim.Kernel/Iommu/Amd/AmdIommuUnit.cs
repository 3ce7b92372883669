using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// One <c>struct amd_iommu</c> as <c>init_iommu_one</c> fills it from its IVHD block: <see cref="Index"/> in table order
/// (<c>amd_iommus_present++</c>), which names it in sysfs (<see cref="SysfsName"/>, under its own PCI function), its own
/// PCI function (<see cref="Segment"/>, <see cref="DeviceId"/> = bus &lt;&lt; 8 | devfn), the capability offset and
/// register base, and the IVHD it came from.
/// </summary>
public sealed record AmdIommuUnit(
    int Index,
    ushort Segment,
    ushort DeviceId,
    ushort CapabilityOffset,
    ulong MmioBase,
    byte IvhdType,
    long IvhdOffset,
    IvhdFlags AcpiFlags,
    ulong? IvhdEfr,
    ulong? IvhdEfr2)
{
    /// <summary>iommu_init_pci (drivers/iommu/amd/init.c:2161-2162): the sysfs name given to iommu_device_sysfs_add, "ivhd%d".</summary>
    public string SysfsName => $"ivhd{Index}";

    /// <summary>The bus of the IOMMU's own PCI function.</summary>
    public byte Bus => (byte)(DeviceId >> 8);

    /// <summary>The devfn of the IOMMU's own PCI function.</summary>
    public byte Devfn => (byte)DeviceId;

    /// <summary>The IOMMU's own PCI function as the kernel names it, <c>SSSS:BB:DD.F</c>.</summary>
    public string PciName => $"{Segment:x4}:{Bus:x2}:{Devfn >> 3:x2}.{Devfn & 7}";

    public override string ToString() => $"{SysfsName} ({PciName})";
}
