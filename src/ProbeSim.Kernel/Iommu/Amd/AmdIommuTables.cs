using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// What <c>early_amd_iommu_init</c> leaves behind (through <c>init_iommu_all</c>, <c>init_iommu_one</c> and
/// <c>init_iommu_from_acpi</c>): the IOMMUs in table order, the PCI segments with their last device ID, rlookup and
/// alias tables, the IOAPIC/HPET map and the ACPI HID map. When <see cref="Failure"/> is set the kernel gave up on
/// AMD-Vi and freed all of this; what was built up to that point is kept only to explain the failure.
/// Immutable: <see cref="WithRlookup"/> gives a changed copy.
/// </summary>
public sealed class AmdIommuTables
{
    internal AmdIommuTables(byte? targetIvhdType, IReadOnlyList<AmdIommuUnit> iommus, IReadOnlyList<AmdPciSegment> segments,
        IReadOnlyList<AmdSpecialDevice> ioApics, IReadOnlyList<AmdSpecialDevice> hpets, IReadOnlyList<AmdAcpiHidDevice> acpiHids,
        AmdIommuFailure? failure)
    {
        TargetIvhdType = targetIvhdType; Iommus = iommus; Segments = segments;
        IoApics = ioApics; Hpets = hpets; AcpiHids = acpiHids; Failure = failure;
    }

    /// <summary>Reads <paramref name="ivrs"/> as <c>early_amd_iommu_init</c> does; see <see cref="AmdIommuTableBuilder"/>.</summary>
    public static AmdIommuTables Build(IvrsTable ivrs, AmdIommuCmdline? cmdline = null, AmdIommuRules? rules = null) =>
        AmdIommuTableBuilder.Build(ivrs, cmdline ?? AmdIommuCmdline.None, rules ?? AmdIommuRules.Default);

    /// <summary>The IVHD type read (<c>amd_iommu_target_ivhd_type</c>); null for a table without blocks.</summary>
    public byte? TargetIvhdType { get; }

    /// <summary>The IOMMUs, by index (<c>amd_iommus[]</c>).</summary>
    public IReadOnlyList<AmdIommuUnit> Iommus { get; }

    /// <summary>The PCI segments in the order the kernel allocated them (<c>amd_iommu_pci_seg_list</c>).</summary>
    public IReadOnlyList<AmdPciSegment> Segments { get; }

    /// <summary>The <c>ioapic_map</c> in list order (command-line overrides first).</summary>
    public IReadOnlyList<AmdSpecialDevice> IoApics { get; }

    /// <summary>The <c>hpet_map</c> in list order (command-line overrides first).</summary>
    public IReadOnlyList<AmdSpecialDevice> Hpets { get; }

    /// <summary>The <c>acpihid_map</c> in list order (command-line overrides first).</summary>
    public IReadOnlyList<AmdAcpiHidDevice> AcpiHids { get; }

    /// <summary>Why amd-iommu gave up while reading the IVRS table; null when it did not.</summary>
    public AmdIommuFailure? Failure { get; }

    /// <summary>__rlookup_amd_iommu (drivers/iommu/amd/iommu.c:159-168): the segment with that number, or null.</summary>
    public AmdPciSegment? Segment(ushort id) => Segments.FirstOrDefault(s => s.Id == id);

    /// <summary>__rlookup_amd_iommu (drivers/iommu/amd/iommu.c:159-168): the IOMMU the rlookup table names for the device, or null.</summary>
    public AmdIommuUnit? IommuFor(ushort segment, ushort devid) =>
        Segment(segment)?.IommuIndexFor(devid) is { } i ? Iommus[i] : null;

    /// <summary>The IVRS alias of the device (itself when there is none or the segment is unknown).</summary>
    public ushort AliasOf(ushort segment, ushort devid) => Segment(segment)?.AliasOf(devid) ?? devid;

    /// <summary>The IOMMU whose own PCI function is at that address, or null.</summary>
    public AmdIommuUnit? IommuAt(ushort segment, ushort devid) =>
        Iommus.FirstOrDefault(u => u.Segment == segment && u.DeviceId == devid);

    /// <summary>get_ioapic_devid (drivers/iommu/amd/amd_iommu_types.h:884-894): the first map entry for that IOAPIC ID.</summary>
    public AmdSpecialDevice? IoApic(byte id) => IoApics.FirstOrDefault(e => e.Id == id);

    /// <summary>get_hpet_devid (drivers/iommu/amd/amd_iommu_types.h:896-906): the first map entry for that HPET number.</summary>
    public AmdSpecialDevice? Hpet(byte id) => Hpets.FirstOrDefault(e => e.Id == id);

    /// <summary>get_acpihid_device_id (drivers/iommu/amd/iommu.c:90-108): the first map entry matching the ACPI device's HID and UID.</summary>
    public AmdAcpiHidDevice? AcpiHid(string hid, string? uid) => AcpiHids.FirstOrDefault(e => e.Matches(hid, uid));

    /// <summary>
    /// amd_iommu_init_pci (drivers/iommu/amd/init.c:2211-2227) calling iommu_init_pci (init.c:2059-2063) for each IOMMU
    /// in index order: the first IOMMU whose own PCI function is not there fails amd-iommu. The IOMMUs before it have
    /// been registered (and probed devices) by then; the caller decides what of that to keep.
    /// </summary>
    public AmdIommuFailure? PciInit(Func<ushort, ushort, bool> pciFunctionExists)
    {
        foreach (var u in Iommus)
            if (!pciFunctionExists(u.Segment, u.DeviceId))
                return new AmdIommuPciFunctionMissing(u.Index, u.Segment, u.DeviceId);
        return null;
    }

    /// <summary>A copy whose segment <paramref name="segment"/> points <paramref name="devids"/> at IOMMU <paramref name="iommuIndex"/> (what clone_alias writes).</summary>
    public AmdIommuTables WithRlookup(ushort segment, IEnumerable<ushort> devids, int iommuIndex)
    {
        var segments = Segments.Select(s => s.Id == segment ? s.WithRlookup(devids, iommuIndex) : s).ToList();
        return new AmdIommuTables(TargetIvhdType, Iommus, segments, IoApics, Hpets, AcpiHids, Failure);
    }
}
