namespace ProbeSim.Acpi.Tables;

/// <summary>
/// The 36-byte header every ACPI table but FACS starts with (ACPI specification, "System Description Table Header").
/// <see cref="ChecksumValid"/> tells whether all <see cref="Length"/> bytes sum to zero.
/// </summary>
public sealed record AcpiTableHeader(
    string Signature,
    uint Length,
    byte Revision,
    byte Checksum,
    string OemId,
    string OemTableId,
    uint OemRevision,
    string CreatorId,
    uint CreatorRevision,
    bool ChecksumValid)
{
    public const int Size = 36;
}
