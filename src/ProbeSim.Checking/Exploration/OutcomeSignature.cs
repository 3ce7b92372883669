using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Exploration;

/// <summary>Per device, what an ordering must not change: state, driver, DMA path, domain type and group members (not group numbers).</summary>
internal static class OutcomeSignature
{
    public static Dictionary<string, string> Of(BootState k)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var walker = new ChainWalker(k);
        foreach (var d in k.Devices)
        {
            var g = d.Iommu.Group is int id ? k.GroupOf(id) : null;
            var group = g is not null ? string.Join("+", g.Devices.Order(StringComparer.Ordinal)) : "-";
            var domain = g?.Domain is { } dom ? ProbeSim.Kernel.Iommu.IommuDomainTypes.SysfsName(dom) : "-";
            map[d.Name] = $"{walker.DeviceStateOf(d)} driver={(d.Bound ? d.Driver?.Name : "-")} dma={d.Dma.Outcome} group={group} domain={domain}";
        }
        return map;
    }
}
