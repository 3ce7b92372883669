using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// The members of each IOMMU group as one comparable word, <c>{e6700000.dma, e6710000.dma}</c> (names sorted ordinally,
/// the device itself included), so that two boots that number their groups differently compare equal when the same
/// devices share a group.
/// </summary>
internal sealed class IommuGroupMembership
{
    private readonly Dictionary<int, string> _byGroup = new();

    public IommuGroupMembership(BootResult result)
    {
        foreach (var g in result.IommuGroups)
            _byGroup[g.Id] = "{" + string.Join(", ", g.Devices.Order(StringComparer.Ordinal)) + "}";
    }

    /// <summary>The membership word of the device's group, or null when it has none.</summary>
    public string? Of(DeviceOutcome device) =>
        device.IommuGroup is int id ? _byGroup.GetValueOrDefault(id, "{" + device.Name + "}") : null;
}
