namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>The answer of <see cref="AmdIommuDevice.Check"/> or <see cref="AmdIommuDevice.Probe"/>: the IOMMU, or why not.</summary>
public sealed record AmdDeviceDecision(AmdIommuUnit? Iommu, ushort Segment, ushort DeviceId, AmdDeviceRefusal? Refusal)
{
    public bool Accepted => Refusal is null;

    /// <summary>What <c>amd_iommu_probe_device</c> returns: 0, or -ENODEV for every refusal.</summary>
    public int Errno => Accepted ? 0 : -19;
}

/// <summary>
/// amd-iommu's per-device decisions at probe time: <c>check_device</c> and <c>amd_iommu_probe_device</c>, for a PCI
/// function (segment, bus &lt;&lt; 8 | devfn) or an ACPI device (HID, UID). Groups are the caller's:
/// <c>amd_iommu_device_group</c> (drivers/iommu/amd/iommu.c:1948-1954) is <c>pci_device_group</c> for PCI, and
/// for an ACPI device the group of the first earlier ACPI device with the same requestor ID (<c>acpihid_device_group</c>).
/// </summary>
public static class AmdIommuDevice
{
    /// <summary>check_device (drivers/iommu/amd/iommu.c:350-374) for a PCI function.</summary>
    public static AmdDeviceDecision Check(AmdIommuTables tables, ushort segment, ushort devid)
    {
        // rlookup_amd_iommu (iommu.c:170-177) and __rlookup_amd_iommu (iommu.c:159-168): the device's segment, then its entry
        if (tables.Segment(segment) is not { } seg) return Refuse(new AmdNoPciSegment(segment));
        if (seg.IommuIndexFor(devid) is not { } index)
        {
            // init_iommu_one_late (drivers/iommu/amd/init.c:1878-1882): an IOMMU's own function was taken out
            if (tables.IommuAt(segment, devid) is { } self && seg.IommuFunctions.Contains(devid))
                return Refuse(new AmdIommuOwnFunction(segment, devid, self.Index));
            // check_device (iommu.c:364-366): no rlookup entry, no IOMMU
            return Refuse(new AmdNotInIvrs(segment, devid));
        }
        // check_device (iommu.c:368-371): a device ID above the segment's last_bdf is out of scope
        if (devid > seg.LastBdf) return Refuse(new AmdBeyondLastBdf(segment, devid, seg.LastBdf));
        return new AmdDeviceDecision(tables.Iommus[index], segment, devid, null);

        AmdDeviceDecision Refuse(AmdDeviceRefusal why) => new(null, segment, devid, why);
    }

    /// <summary>check_device (drivers/iommu/amd/iommu.c:350-374) for an ACPI device, found by HID and UID in the acpihid map.</summary>
    public static AmdDeviceDecision CheckAcpi(AmdIommuTables tables, string hid, string? uid)
    {
        // get_device_sbdf_id (iommu.c:110-119) and get_acpihid_device_id (iommu.c:90-108): no map entry is -EINVAL, check_device false
        if (tables.AcpiHid(hid, uid) is not { } entry) return new AmdDeviceDecision(null, 0, 0, new AmdNoAcpiHidEntry(hid, uid));
        // get_device_segment (iommu.c:134-150): the entry's segment, then as for PCI
        return Check(tables, entry.Segment, entry.DeviceId);
    }

    /// <summary>
    /// amd_iommu_probe_device (drivers/iommu/amd/iommu.c:1890-1923): <c>check_device</c>, then the device's IOMMU must
    /// be registered (<paramref name="registered"/>). <c>iommu_init_device</c> (iommu.c:376-410) cannot fail past that
    /// in the model: its only errors are an ACPI device without a map entry (refused above) and -ENOMEM.
    /// </summary>
    public static AmdDeviceDecision Probe(AmdIommuTables tables, ushort segment, ushort devid, Func<AmdIommuUnit, bool> registered) =>
        Registered(Check(tables, segment, devid), registered);

    /// <summary><see cref="Probe"/> for an ACPI device.</summary>
    public static AmdDeviceDecision ProbeAcpi(AmdIommuTables tables, string hid, string? uid, Func<AmdIommuUnit, bool> registered) =>
        Registered(CheckAcpi(tables, hid, uid), registered);

    private static AmdDeviceDecision Registered(AmdDeviceDecision d, Func<AmdIommuUnit, bool> registered)
    {
        // amd_iommu_probe_device (iommu.c:1903-1905): "Not registered yet?" -ENODEV; the device is probed again at its IOMMU's registration
        if (d.Iommu is { } iommu && !registered(iommu)) return d with { Iommu = null, Refusal = new AmdIommuNotRegistered(iommu.Index) };
        return d;
    }

    /// <summary>
    /// The IOMMU whose own PCI function is at that address, when <c>iommu_init_pci</c> (drivers/iommu/amd/init.c:2065-2066)
    /// keeps PCI drivers from binding to it (<see cref="AmdIommuRules.IommuFunctionUnbindable"/>); null otherwise.
    /// </summary>
    public static AmdIommuUnit? UnbindableIommuFunction(AmdIommuTables tables, ushort segment, ushort devid, AmdIommuRules? rules = null) =>
        (rules ?? AmdIommuRules.Default).IommuFunctionUnbindable ? tables.IommuAt(segment, devid) : null;
}
