namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// The per-device fields a diff compares, named as in the boot JSON (docs/json.md), in report order. IOMMU groups are
/// compared by membership (the set of device names in the group), never by number: group ids are handed out in
/// creation order and renumber as soon as one device more or less joins a group earlier in the boot.
/// </summary>
public static class DiffFields
{
    /// <summary>A device (or node) that exists on one side only; before/after is its state, null where it is absent.</summary>
    public const string Device = "device";
    /// <summary>The device name differs for the same DT node (naming rules changed between the sides).</summary>
    public const string Name = "name";
    public const string State = "state";
    public const string Driver = "driver";
    public const string Error = "error";
    /// <summary>Compared only when both sides' kernels have /sys/kernel/debug/devices_deferred (v4.19+): before that the
    /// text is a model note, and the reason words differ across eras anyway.</summary>
    public const string DeferReason = "deferReason";
    public const string Dma = "dma";
    public const string DmaOps = "dmaOps";
    public const string Iommu = "iommu";
    /// <summary>The members of the device's IOMMU group, <c>{a, b}</c>.</summary>
    public const string IommuGroup = "iommuGroup";
    public const string DomainType = "domainType";
    public const string DmaOwner = "dmaOwner";

    /// <summary>Every field in report order.</summary>
    public static IReadOnlyList<string> Order { get; } =
        [Device, Name, State, Driver, Error, DeferReason, Dma, DmaOps, Iommu, IommuGroup, DomainType, DmaOwner];

    /// <summary>Position of a field in <see cref="Order"/> (unknown fields last, for merged JSON from a newer version).</summary>
    public static int Rank(string field)
    {
        for (var i = 0; i < Order.Count; i++) if (Order[i] == field) return i;
        return Order.Count;
    }
}
