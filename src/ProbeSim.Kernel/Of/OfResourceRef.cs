using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// One resource a node asks for: its kind, the property and slot index it comes from, its name (from the matching
/// <c>*-names</c> entry, the supply or GPIO connection id, or null), and the provider node. When the lookup cannot get
/// past parsing, <see cref="ParseError"/> says why; the provider is then usually null (it is kept when only its
/// <c>#xxx-cells</c> was missing), and the request fails whatever the provider's state.
/// </summary>
public sealed record OfResourceRef(ResourceKind Kind, string Property, int Index, string? Name, DtNode? Provider, string? ParseError);
