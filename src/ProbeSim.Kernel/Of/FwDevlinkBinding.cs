using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>What one parse step of a binding yields: the supplier node and the node that consumes it (either null: no link, but the walk goes on).</summary>
internal readonly record struct FwDevlinkHit(DtNode? Supplier, DtNode? Consumer);

/// <summary>The node being parsed, the tree's phandle index, and whether simple entries treat a missing <c>#xxx-cells</c> as 0.</summary>
internal sealed record FwDevlinkContext(DtNode Node, DeviceTreeIndex Index, bool SimpleCellsOptional);

/// <summary>
/// One supplier binding (struct supplier_bindings): Parse(context, property name, index) returns null when the property is not
/// this binding's or has no entry at that index, which ends the walk of that property.
/// </summary>
internal sealed record FwDevlinkBinding(string Name, Func<FwDevlinkContext, string, int, FwDevlinkHit?> Parse, bool Ignore = false);
