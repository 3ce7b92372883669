using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Pci;

/// <summary>A standalone topology YAML file: a document whose root has <c>pci:</c>, or the <c>pci</c> mapping itself.</summary>
public static class PciTopologyFile
{
    public static PciTopology Load(string path, IReadOnlyCollection<string>? extraDeviceKeys = null) =>
        Parse(File.ReadAllText(path), path, extraDeviceKeys);

    public static PciTopology Parse(string text, string file, IReadOnlyCollection<string>? extraDeviceKeys = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PciTopologyException(new PciSourceLocation(file, (int)e.Start.Line, (int)e.Start.Column),
                "invalid YAML: " + (e.InnerException?.Message ?? e.Message), e);
        }
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
