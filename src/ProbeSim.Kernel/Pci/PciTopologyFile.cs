using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Pci;

/// <summary>A standalone topology YAML file: a document whose root has <c>pci:</c>, or the <c>pci</c> mapping itself.</summary>
public static class PciTopologyFile
{
    /// <summary>Reads (at most 16 MiB, see <see cref="Drivers.YamlGuard"/>) and parses a topology file.</summary>
    public static PciTopology Load(string path, IReadOnlyCollection<string>? extraDeviceKeys = null) =>
        Parse(Drivers.YamlGuard.ReadText(path, Error(path)), path, extraDeviceKeys);

    private static Func<Mark, string, Exception> Error(string file) =>
        (at, reason) => new PciTopologyException(new PciSourceLocation(file, (int)at.Line, (int)at.Column), reason);

    public static PciTopology Parse(string text, string file, IReadOnlyCollection<string>? extraDeviceKeys = null)
    {
        var stream = Drivers.YamlGuard.Load(text, Error(file));
        if (stream.Documents.Count != 1)
            throw new PciTopologyException(new PciSourceLocation(file, 1, 1), $"expected one YAML document, found {stream.Documents.Count}");
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
            throw new PciTopologyException(new PciSourceLocation(file, (int)root.Start.Line, (int)root.Start.Column),
                "the document must be a mapping (with a 'pci' key, or the pci description itself)");
        if (map.Children.TryGetValue(new YamlScalarNode("pci"), out var pci))
        {
            if (pci is not YamlMappingNode pciMap)
                throw new PciTopologyException(new PciSourceLocation(file, (int)pci.Start.Line, (int)pci.Start.Column), "pci must be a mapping");
            map = pciMap;
        }
        return PciTopologyYaml.Parse(map, file, extraDeviceKeys);
    }
}
