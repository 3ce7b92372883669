using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Exploration;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>Per device, what an ordering must not change: state, driver, DMA path, domain type and group members (not group numbers).</summary>
internal static class OutcomeSignature
{
    public static Dictionary<string, string> Of(Kernel k)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var walker = new ChainWalker(k);
        foreach (var d in k.Devices)
        {
            var group = d.Iommu.Group is { } g ? string.Join("+", g.Devices.Select(x => x.Name).Order(StringComparer.Ordinal)) : "-";
            var domain = d.Iommu.Group?.Domain is { } dom ? ProbeSim.Kernel.Iommu.IommuDomainTypes.SysfsName(dom.Type) : "-";
            map[d.Name] = $"{walker.DeviceStateOf(d)} driver={(d.Bound ? d.Driver?.Name : "-")} dma={k.DmaOutcome(d)} group={group} domain={domain}";
        }
        return map;
    }
}
