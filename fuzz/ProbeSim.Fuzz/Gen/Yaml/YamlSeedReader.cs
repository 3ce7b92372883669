using YamlDotNet.RepresentationModel;
using YamlDotNet.Core;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>Reads a seed YAML file (well-formed) into the mutator's <see cref="YNode"/> tree.</summary>
public static class YamlSeedReader
{
    public static YNode Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? new YMap() : Convert(stream.Documents[0].RootNode);
    }

    private static YNode Convert(YamlNode n) => n switch
    {
        YamlScalarNode s => new YScalar(s.Value ?? "", s.Style switch
        {
            ScalarStyle.SingleQuoted => YStyle.Single,
            ScalarStyle.DoubleQuoted => YStyle.Double,
            ScalarStyle.Literal or ScalarStyle.Folded => YStyle.Literal,
            _ => YStyle.Plain,
        }),
        YamlSequenceNode q => new YSeq(q.Children.Select(Convert), q.Style == YamlDotNet.Core.Events.SequenceStyle.Flow),
        YamlMappingNode m => new YMap(m.Children.Select(kv => new YEntry(Convert(kv.Key), Convert(kv.Value))), m.Style == YamlDotNet.Core.Events.MappingStyle.Flow),
        _ => new YScalar(""),
    };
}
