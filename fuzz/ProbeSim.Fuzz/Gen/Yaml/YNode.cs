namespace ProbeSim.Fuzz.Gen.Yaml;

public enum YStyle { Plain, Single, Double, Literal }

/// <summary>
/// A YAML document as the mutator sees it: maps keep their entries in order and may hold one key twice, any node may
/// carry an anchor or a tag, an alias is a node of its own. The emitter writes it back as text.
/// </summary>
public abstract class YNode
{
    public string? Anchor { get; set; }
    public string? Tag { get; set; }

    public abstract YNode Clone();

    protected T CopyProps<T>(T n) where T : YNode
    {
        n.Anchor = Anchor;
        n.Tag = Tag;
        return n;
    }

    public static YScalar S(string value, YStyle style = YStyle.Plain) => new(value, style);
}

public sealed class YScalar : YNode
{
    public YScalar(string value, YStyle style = YStyle.Plain)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; set; }
    public YStyle Style { get; set; }

    public override YNode Clone() => CopyProps(new YScalar(Value, Style));
}

public sealed class YSeq : YNode
{
    public YSeq(IEnumerable<YNode>? items = null, bool flow = false)
    {
        Items = items?.ToList() ?? new();
        Flow = flow;
    }

    public List<YNode> Items { get; }
    public bool Flow { get; set; }

    public override YNode Clone() => CopyProps(new YSeq(Items.Select(i => i.Clone()), Flow));
}

public sealed class YEntry
{
    public YEntry(YNode key, YNode value)
    {
        Key = key;
        Value = value;
    }

    public YNode Key { get; set; }
    public YNode Value { get; set; }

    public string KeyText => Key is YScalar s ? s.Value : "";
}

public sealed class YMap : YNode
{
    public YMap(IEnumerable<YEntry>? entries = null, bool flow = false)
    {
        Entries = entries?.ToList() ?? new();
        Flow = flow;
    }

    public List<YEntry> Entries { get; }
    public bool Flow { get; set; }

    public YMap Add(string key, YNode value)
    {
        Entries.Add(new YEntry(YNode.S(key), value));
        return this;
    }

    public YNode? Get(string key) => Entries.FirstOrDefault(e => e.KeyText == key)?.Value;

    public override YNode Clone() => CopyProps(new YMap(Entries.Select(e => new YEntry(e.Key.Clone(), e.Value.Clone())), Flow));
}

public sealed class YAlias : YNode
{
    public YAlias(string name) => Name = name;

    public string Name { get; }

    public override YNode Clone() => CopyProps(new YAlias(Name));
}

/// <summary>Text written as it is, in flow position (deeply nested collections that would be too deep for a tree walk).</summary>
public sealed class YRaw : YNode
{
    public YRaw(string text) => Text = text;

    public string Text { get; }

    public override YNode Clone() => CopyProps(new YRaw(Text));
}
