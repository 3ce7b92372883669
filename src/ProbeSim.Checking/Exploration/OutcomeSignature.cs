using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Exploration;

/// <summary>
/// What an ordering must not change of one device: state, driver, DMA path, group members joined by '+' (not group
/// numbers), domain type; "-" where there is none. Kernel names and values only; worded in ProbeSim.Reports.
/// </summary>
public readonly record struct DeviceSignature(string State, string? Driver, string Dma, string Group, string Domain);

/// <summary>Per device, what an ordering must not change; compared as values, worded only for a finding.</summary>
internal static class OutcomeSignature
{
    public static Dictionary<string, DeviceSignature> Of(BootState k)
    {
        var map = new Dictionary<string, DeviceSignature>(StringComparer.Ordinal);
        var walker = new ChainWalker(k);
        Dictionary<int, string>? members = null;
        foreach (var d in k.Devices)
        {
            var g = d.Iommu.Group is int id ? k.GroupOf(id) : null;
            string group = "-";
            if (g is not null)
            {
                members ??= new Dictionary<int, string>();
                if (!members.TryGetValue(g.Id, out group!)) members[g.Id] = group = string.Join("+", g.Devices.Order(StringComparer.Ordinal));
            }
            var domain = g?.Domain is { } dom ? ProbeSim.Kernel.Iommu.IommuDomainTypes.SysfsName(dom) : "-";
            map[d.Name] = new DeviceSignature(walker.DeviceStateOf(d), d.Bound ? d.Driver?.Name : "-", d.Dma.Outcome, group, domain);
        }
        return map;
    }

    /// <summary>A device's signature in <paramref name="map"/>, or null when the device is absent.</summary>
    public static DeviceSignature? Get(Dictionary<string, DeviceSignature> map, string device) =>
        map.TryGetValue(device, out var s) ? s : null;
}
