using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Dmar;

/// <summary>
/// A parsed DMAR table. <see cref="Structures"/> is in table order (what the kernel walks); the typed lists are views of
/// it. <see cref="Rejection"/> is set when the kernel would refuse the table as a whole (intel-iommu stays off).
/// </summary>
public sealed record DmarTable(
    AcpiTableHeader Header,
    byte Width,
    DmarFlags Flags,
    IReadOnlyList<DmarStructure> Structures,
    IReadOnlyList<AcpiWarning> Warnings,
    AcpiRejection? Rejection)
{
    /// <summary>The host address width in bits: the table stores it minus one.</summary>
    public int HostAddressWidth => Width + 1;

    public IReadOnlyList<DmarDrhd> Drhds => Structures.OfType<DmarDrhd>().ToList();
    public IReadOnlyList<DmarRmrr> Rmrrs => Structures.OfType<DmarRmrr>().ToList();
    public IReadOnlyList<DmarAtsr> Atsrs => Structures.OfType<DmarAtsr>().ToList();
    public IReadOnlyList<DmarRhsa> Rhsas => Structures.OfType<DmarRhsa>().ToList();
    public IReadOnlyList<DmarAndd> Andds => Structures.OfType<DmarAndd>().ToList();
    public IReadOnlyList<DmarSatc> Satcs => Structures.OfType<DmarSatc>().ToList();
}
