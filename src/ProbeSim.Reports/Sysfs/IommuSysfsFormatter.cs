using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Sysfs;

/// <summary>
/// The IOMMU part of sysfs as a tree: <c>/sys/kernel/iommu_groups/N/{devices/,reserved_regions,type}</c>,
/// <c>/sys/class/iommu/NAME/devices/</c>, and each device's <c>iommu_group</c> link. Plain text, stable order.
/// </summary>
public static class IommuSysfsFormatter
{
    public static void Write(TextWriter w, BootResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        var byName = result.Devices.Where(d => d.SysfsPath is not null).GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.First().SysfsPath!);
        string Target(string dev) => byName.TryGetValue(dev, out var p) ? "../../../.." + p["/sys".Length..] : "?";

        w.Write("/sys/kernel/iommu_groups/\n");
        var groups = result.IommuGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            bool lastGroup = i == groups.Count - 1;
            string pre = lastGroup ? "    " : "│   ";
            w.Write($"{(lastGroup ? "└── " : "├── ")}{g.Id}\n");
            w.Write($"{pre}├── devices\n");
            var devs = g.Devices.Order(StringComparer.Ordinal).ToList();
            for (int j = 0; j < devs.Count; j++)
                w.Write($"{pre}│   {(j == devs.Count - 1 ? "└── " : "├── ")}{devs[j]} -> {Target(devs[j])}\n");
            w.Write($"{pre}├── reserved_regions{(g.ReservedRegions.Count == 0 ? "" : ": " + string.Join(", ", g.ReservedRegions))}\n");
            w.Write($"{pre}└── type: {g.Type}{(g.Owner is { } o ? $"   (owned by {o}, current domain {g.Domain})" : g.Domain != null && g.Domain != g.Type ? $"   (current domain {g.Domain})" : "")}\n");
        }
        w.Write("/sys/class/iommu/\n");
        for (int i = 0; i < result.Iommus.Count; i++)
        {
            var m = result.Iommus[i];
            bool last = i == result.Iommus.Count - 1;
            string pre = last ? "    " : "│   ";
            w.Write($"{(last ? "└── " : "├── ")}{m.Name} -> {Target(m.Device)}\n");
            w.Write($"{pre}└── devices\n");
            var devs = m.Devices.Order(StringComparer.Ordinal).ToList();
            for (int j = 0; j < devs.Count; j++)
                w.Write($"{pre}    {(j == devs.Count - 1 ? "└── " : "├── ")}{devs[j]} -> {Target(devs[j])}\n");
        }
        foreach (var d in result.Devices.Where(d => d.IommuGroup is not null && d.Bus is not null).OrderBy(d => d.Name, StringComparer.Ordinal))
            w.Write($"/sys/bus/{d.Bus}/devices/{d.Name}/iommu_group -> ../../../../kernel/iommu_groups/{d.IommuGroup}\n");
    }
}
