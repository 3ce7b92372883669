using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Fuzz.Seeds;

/// <summary>Names a board gives to things, for values that reach past the first check: device names, DT paths, labels, compatibles, driver and module names.</summary>
public sealed record BoardFacts(
    IReadOnlyList<string> Devices,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Compatibles,
    IReadOnlyList<string> Drivers,
    IReadOnlyList<string> Modules)
{
    public static BoardFacts From(DtTree tree)
    {
        var devices = new List<string>();
        var paths = new List<string>();
        var labels = new List<string>();
        var compatibles = new List<string>();
        foreach (var n in tree.AllNodes)
        {
            paths.Add(n.Path);
            labels.AddRange(n.Labels);
            compatibles.AddRange(n.Compatible);
            if (n.Compatible.Count > 0) devices.Add(n.UnitAddress is { } ua ? $"{ua}.{n.BaseName}" : n.BaseName);
        }
        devices.AddRange(["0000:00:00.0", "0000:01:00.0", "0000:01:00.1", "0000:00:01.0", "pci0000:00"]);
        compatibles = compatibles.Distinct().ToList();
        var drivers = compatibles.Select(c => c.Replace(',', '-')).Concat(["vfio-platform", "vfio-pci", "pcieport", "none"]).Distinct().ToList();
        var modules = drivers.Select(d => d.Replace('-', '_')).ToList();
        return new BoardFacts(devices.Distinct().ToList(), paths, labels.Distinct().ToList(), compatibles, drivers, modules);
    }

    /// <summary>Something that names a device: its name, DT path or label.</summary>
    public IReadOnlyList<string> DeviceRefs => Devices.Concat(Paths).Concat(Labels).ToList();
}
