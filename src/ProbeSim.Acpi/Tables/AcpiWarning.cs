namespace ProbeSim.Acpi.Tables;

/// <summary>What the kernel warns about in a table it still uses.</summary>
public enum AcpiWarningKind
{
    /// <summary>The bytes do not sum to zero (ACPICA <c>acpi_tb_verify_checksum</c>: a warning, the table is installed).</summary>
    BadChecksum,
    /// <summary>The file holds bytes after the header's length (they are not part of the table).</summary>
    TrailingBytes,
    /// <summary>A DMAR structure of length 0: <c>dmar_walk_remapping_entries</c> stops there, the structures before it are used.</summary>
    ZeroLengthStructure,
    /// <summary>A device scope of a type <c>dmar_alloc_dev_scope</c> does not know ("Unsupported device scope").</summary>
    UnsupportedDeviceScope,
    /// <summary>A device scope whose path part has an odd byte (the path is whole (device, function) pairs).</summary>
    OddDeviceScopePath,
    /// <summary>An RMRR that fails <c>rmrr_sanity_check</c> (alignment or order): the kernel warns and taints but uses it.</summary>
    BadRmrr,
    /// <summary>A second DRHD with the segment and register base of an earlier one: <c>dmar_find_dmaru</c> keeps the first.</summary>
    DuplicateDrhd,
    /// <summary>An RHSA whose register base is no DRHD's (<c>dmar_parse_one_rhsa</c>).</summary>
    RhsaWithoutDrhd,
    /// <summary>A DMAR table without a DRHD (<c>parse_dmar_table</c>).</summary>
    NoDrhd,
    /// <summary>An ACPI HID entry in an IVHD block other than type 0x40: <c>init_iommu_from_acpi</c> skips it.</summary>
    AcpiHidOutsideType40,
    /// <summary>An ACPI HID entry with an empty HID: <c>init_iommu_from_acpi</c> skips it.</summary>
    EmptyHid,
    /// <summary>An ACPI HID entry without a UID whose UID length is not 0.</summary>
    UidLengthWithoutUid,
}

/// <summary>One warning: the file, the byte offset of the thing warned about, its kind and one line.</summary>
public sealed record AcpiWarning(string File, long Offset, AcpiWarningKind Kind, string Message)
{
    public override string ToString() => $"{File}: warning: at byte offset {Offset} (0x{Offset:x}): {Message}";
}

/// <summary>
/// The table is well-formed but the kernel refuses to use it: which function refuses, and why. The parse is still
/// returned, so that a model can say "the kernel ignores this DMAR" rather than fail to load the machine.
/// </summary>
public sealed record AcpiRejection(string KernelFunction, long Offset, string Message);
