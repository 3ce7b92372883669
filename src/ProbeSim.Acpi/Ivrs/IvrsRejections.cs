using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Ivrs;

/// <summary>Well-formed IVRS contents that make amd-iommu's initialisation fail, in the order the kernel meets them.</summary>
internal static class IvrsRejections
{
    public static AcpiRejection? Find(IvrsTable table)
    {
        var target = table.TargetIvhds;
        foreach (var h in target)
        {
            // find_last_devid_acpi: a target-type IVHD without a device-ID entry gives -EINVAL, and its segment is never allocated
            if (h.LastDeviceId is null)
                return new AcpiRejection("find_last_devid_acpi", h.Offset,
                    $"IVHD block type 0x{h.Type:x2} at 0x{h.Offset:x} has no ALL, SELECT, END_RANGE, ALIAS_SELECT or EXT_SELECT entry");
        }
        foreach (var h in target)
            foreach (var e in h.Entries.OfType<IvhdSpecialEntry>())
            {
                // add_special_device: a variety other than IOAPIC and HPET is -EINVAL, and init_iommu_from_acpi fails with it
                if (e.Variety == IvhdSpecialVariety.Unknown)
                    return new AcpiRejection("add_special_device", e.Offset,
                        $"SPECIAL entry variety {e.RawVariety} is neither IOAPIC (1) nor HPET (2)");
            }
        return null;
    }
}
