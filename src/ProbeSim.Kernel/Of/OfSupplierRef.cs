using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// One supplier reference fw_devlink finds in a node's properties: the consumer node (the parsed node, or for
/// <c>remote-endpoint</c> the device node standing for it), the supplier node the phandle names (before the walk up to a
/// device), the index within the property, whether the binding is optional, and whether the link is recorded with
/// FWLINK_FLAG_IGNORE (post-init-providers: never blocks probe).
/// </summary>
public sealed record OfSupplierRef(string Property, DtNode Consumer, DtNode Supplier, int Index, bool Optional, bool Ignore);
