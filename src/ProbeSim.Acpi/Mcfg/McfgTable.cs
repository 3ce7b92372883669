using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Mcfg;

/// <summary>One MCFG allocation: the ECAM window of buses <see cref="StartBus"/>..<see cref="EndBus"/> of a segment.</summary>
public sealed record McfgAllocation(long Offset, ulong BaseAddress, ushort Segment, byte StartBus, byte EndBus);

/// <summary>A parsed MCFG table. <see cref="Rejection"/> is set when it has no allocation (<c>pci_parse_mcfg</c>).</summary>
public sealed record McfgTable(AcpiTableHeader Header, IReadOnlyList<McfgAllocation> Allocations,
    IReadOnlyList<AcpiWarning> Warnings, AcpiRejection? Rejection);
