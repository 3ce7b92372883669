using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Text;

/// <summary>
/// One entry of the device tree view: a sysfs path segment (<c>soc</c>, <c>pci0000:00</c>) that is a device when
/// <paramref name="Device"/> is set, and the entries below it. A root's <paramref name="Segment"/> is a whole path.
/// </summary>
public sealed record DeviceTreeNode(string Segment, DeviceOutcome? Device, IReadOnlyList<DeviceTreeNode> Children)
{
    /// <summary>Heading of the extra root that lists DT nodes that never became devices (with --all).</summary>
    public const string NotDevicesRoot = "(DT nodes that are not devices)";

    /// <summary>Heading of the extra root for devices the boot gave no sysfs path.</summary>
    public const string NoSysfsRoot = "(devices without a sysfs path)";

    /// <summary>
    /// The trees of <paramref name="devices"/>: devices by their sysfs path, siblings in ordinal order (as <c>ls</c>
    /// lists a sysfs directory), the leading directories that are not devices and have one child merged into the
    /// root (<c>/sys/devices/platform</c>); then devices without a sysfs path, then (when given) nodes that never
    /// became devices, each of these two lists in the order given and only when not empty.
    /// </summary>
    public static IReadOnlyList<DeviceTreeNode> Build(IEnumerable<DeviceOutcome> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var root = new Builder("");
        var noPath = new List<DeviceTreeNode>();
        var notPresent = new List<DeviceTreeNode>();
        foreach (var d in devices)
        {
            if (d.State == DeviceState.NotPresent) notPresent.Add(new DeviceTreeNode(d.OfNode ?? d.Name, d, []));
            else if (string.IsNullOrEmpty(d.SysfsPath) || d.SysfsPath.Trim('/').Length == 0) noPath.Add(new DeviceTreeNode(d.Name, d, []));
            else root.Add(d.SysfsPath.Split('/', StringSplitOptions.RemoveEmptyEntries), d);
        }
        var roots = new List<DeviceTreeNode>();
        if (root.Children.Count > 0)
        {
            var top = root;
            var path = "";
            while (top.Device is null && top.Children.Count == 1 && top.Children.Values.Single() is { Device: null } only && only.Children.Count > 0)
            {
                path += "/" + only.Segment;
                top = only;
            }
            if (top == root) roots.AddRange(root.Children.Values.Select(c => c.ToNode("/" + c.Segment)));
            else roots.Add(top.ToNode(path));
        }
        if (noPath.Count > 0) roots.Add(new DeviceTreeNode(NoSysfsRoot, null, noPath));
        if (notPresent.Count > 0) roots.Add(new DeviceTreeNode(NotDevicesRoot, null, notPresent));
        return roots;
    }

    private sealed class Builder(string segment)
    {
        public string Segment { get; } = segment;
        public DeviceOutcome? Device { get; private set; }
        public SortedDictionary<string, Builder> Children { get; } = new(StringComparer.Ordinal);

        public void Add(string[] parts, DeviceOutcome d, int at = 0)
        {
            if (at == parts.Length) { Device ??= d; return; }
            if (!Children.TryGetValue(parts[at], out var child)) Children.Add(parts[at], child = new Builder(parts[at]));
            child.Add(parts, d, at + 1);
        }

        public DeviceTreeNode ToNode(string segment) => new(segment, Device, Children.Values.Select(c => c.ToNode(c.Segment)).ToList());
    }
}
