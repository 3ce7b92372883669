using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>
/// Reads a seed YAML file (well-formed) into the mutator's <see cref="YNode"/> tree. Like the scenario reader, it joins
/// the plain scalars YAML splits at a comma inside flow collections (<c>[acme,foo]</c>, <c>{ compatible: acme,dmac }</c>)
/// back into one value when nothing but the comma is between them.
/// </summary>
public static class YamlSeedReader
{
    public static YNode Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? new YMap() : Convert(stream.Documents[0].RootNode, text);
    }

    private static bool JustAComma(YamlNode before, YamlNode after, string text) =>
        before is YamlScalarNode { Style: ScalarStyle.Plain } && after is YamlScalarNode { Style: ScalarStyle.Plain }
        && after.Start.Index - before.End.Index == 1 && text[(int)before.End.Index] == ',';

    private static YNode Convert(YamlNode n, string text)
    {
        switch (n)
        {
            case YamlScalarNode s:
                return new YScalar(s.Value ?? "", s.Style switch
                {
                    ScalarStyle.SingleQuoted => YStyle.Single,
                    ScalarStyle.DoubleQuoted => YStyle.Double,
                    ScalarStyle.Literal or ScalarStyle.Folded => YStyle.Literal,
                    _ => YStyle.Plain,
                });
            case YamlSequenceNode q:
            {
                var items = new List<YNode>();
                YamlNode? last = null;
                foreach (var child in q.Children)
                {
                    if (last is not null && q.Style == YamlDotNet.Core.Events.SequenceStyle.Flow && JustAComma(last, child, text))
                        ((YScalar)items[^1]).Value += "," + ((YamlScalarNode)child).Value;
                    else items.Add(Convert(child, text));
                    last = child;
                }
                return new YSeq(items, q.Style == YamlDotNet.Core.Events.SequenceStyle.Flow);
            }
            case YamlMappingNode m:
            {
                var entries = new List<YEntry>();
                YamlNode? lastValue = null;
                foreach (var (k, v) in m.Children)
                {
                    // { compatible: acme,dmac } reads as compatible: acme, dmac: null
                    if (lastValue is not null && m.Style == YamlDotNet.Core.Events.MappingStyle.Flow && JustAComma(lastValue, k, text)
                        && v is YamlScalarNode { Value: null or "" } && entries[^1].Value is YScalar prev)
                    {
                        prev.Value += "," + ((YamlScalarNode)k).Value;
                        lastValue = k;
                        continue;
                    }
                    entries.Add(new YEntry(Convert(k, text), Convert(v, text)));
                    lastValue = v;
                }
                return new YMap(entries, m.Style == YamlDotNet.Core.Events.MappingStyle.Flow);
            }
            default:
                return new YScalar("");
        }
    }
}
