using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Providers;

namespace ProbeSim.Kernel.Result;

/// <summary>A firmware node's fw_devlink state: the device made from it and its links to supplier nodes.</summary>
public sealed record FwNodeRecord(DtNode Node, int? DeviceId, IReadOnlyList<FwLinkRecord> Suppliers);

/// <summary>An fwnode link (fwnode_link_add) to a supplier node: the property that made it, the supplier's device (<see cref="DeviceRecord.Id"/>), whether fw_devlink ignores it (a cycle).</summary>
public sealed record FwLinkRecord(DtNode Supplier, int? SupplierDeviceId, string Property, bool Ignore);

/// <summary>What a provider lookup (clk, reset, regulator, ...) answers for a node: registered or not, by which device, why.</summary>
public sealed record ProviderAnswer(bool Registered, string? Device, ProviderReason Reason);

/// <summary>One entry of a node's iommus property as of_iommu_configure parses it: the IOMMU node and its ids, or the parse error.</summary>
public sealed record IommusEntry(DtNode? Node, IReadOnlyList<uint> Ids, string? Error);
