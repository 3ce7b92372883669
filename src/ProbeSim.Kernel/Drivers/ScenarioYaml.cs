using System.Globalization;
using ProbeSim.DeviceTree.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Typed reads of YamlDotNet representation nodes for one scenario file; every failure is a located <see cref="ScenarioException"/>.
/// <para>Compatibles contain commas, and inside <c>[ ]</c>/<c>{ }</c> YAML ends a plain scalar at every comma:
/// <c>[acme,foo-v2, acme,foo]</c> parses as four items, <c>{ compatible: a,b }</c> as a value <c>a</c> and a key <c>b</c>
/// without value. The reader joins such pieces back — two plain scalars separated by nothing but one comma (no space)
/// are one value — in compatible lists (<see cref="StringOrList"/>) and in mapping values (<see cref="Entries"/>), so
/// unquoted compatibles work in flow style too. Joined nodes keep the start position of their first piece.</para>
/// </summary>
internal sealed class ScenarioYaml
{
    private readonly Dictionary<YamlNode, (Mark Start, Mark End)> _joined = new(ReferenceEqualityComparer.Instance);

    private readonly string _text;

    public ScenarioYaml(string file, string text)
    {
        File = file;
        _text = text;
    }

    public string File { get; }

    public SourceLocation At(YamlNode node) => At(StartOf(node));

    private Mark StartOf(YamlNode node) => _joined.TryGetValue(node, out var span) ? span.Start : node.Start;

    private Mark EndOf(YamlNode node) => _joined.TryGetValue(node, out var span) ? span.End : node.End;

    /// <summary>True when <paramref name="b"/> is a plain scalar that YAML split off <paramref name="a"/> at a bare comma.</summary>
    private bool CommaSplit(YamlNode a, YamlNode b) =>
        a is YamlScalarNode { Style: ScalarStyle.Plain } && b is YamlScalarNode { Style: ScalarStyle.Plain, Value.Length: > 0 }
        && EndOf(a).Line == StartOf(b).Line && EndOf(a).Index + 1 == StartOf(b).Index;

    /// <summary>True for a flow-mapping key written without ':' (YAML gives it an empty value).</summary>
    private bool NoColon(YamlNode key, YamlNode value)
    {
        if (value is not YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" }) return false;
        var i = (int)key.End.Index;
        while (i < _text.Length && _text[i] is ' ' or '\t' or '\r' or '\n') i++;
        return i >= _text.Length || _text[i] != ':';
    }

    private YamlScalarNode Join(YamlNode a, YamlNode b)
    {
        var joined = new YamlScalarNode(((YamlScalarNode)a).Value + "," + ((YamlScalarNode)b).Value) { Style = ScalarStyle.Plain };
        _joined[joined] = (StartOf(a), EndOf(b));
        return joined;
    }

    /// <summary>A flow sequence's items with comma-split plain scalars joined back.</summary>
    private List<YamlNode> JoinedItems(YamlSequenceNode seq)
    {
        var items = new List<YamlNode>();
        foreach (var child in seq.Children)
        {
            if (items.Count > 0 && CommaSplit(items[^1], child)) items[^1] = Join(items[^1], child);
            else items.Add(child);
        }
        return items;
    }

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    public ScenarioException Error(YamlNode node, string reason) => new(At(node), reason);

    /// <summary>A plain (unquoted) null: empty, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    /// <summary>A non-null scalar's text.</summary>
    public string Scalar(YamlNode node, string what)
    {
        if (node is not YamlScalarNode s) throw Error(node, $"{what} must be a single value, not a {Kind(node)}");
        if (IsNull(node)) throw Error(node, $"{what} needs a value");
        return s.Value ?? "";
    }

    /// <summary>A non-empty string.</summary>
    public string NonEmpty(YamlNode node, string what)
    {
        var s = Scalar(node, what);
        if (s.Length == 0) throw Error(node, $"{what} must not be empty");
        return s;
    }

    /// <summary>One string or a non-empty list of strings.</summary>
    public IReadOnlyList<string> StringOrList(YamlNode node, string what)
    {
        if (node is not YamlSequenceNode seq) return new[] { NonEmpty(node, what) };
        if (seq.Children.Count == 0) throw Error(node, $"{what} must not be an empty list");
        return JoinedItems(seq).Select(c => NonEmpty(c, what)).ToArray();
    }

    public bool Bool(YamlNode node, string what) => Scalar(node, what) switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var s => throw Error(node, $"{what} must be true or false, not '{s}'"),
    };

    /// <summary>A non-negative, finite number of seconds; with <paramref name="allowNever"/> also <c>never</c> (null).</summary>
    public double? Seconds(YamlNode node, string what, bool allowNever)
    {
        var s = Scalar(node, what);
        if (allowNever && s == "never") return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw Error(node, $"{what} must be a number of seconds{(allowNever ? " or never" : "")}, not '{s}'");
        if (v < 0) throw Error(node, $"{what} must not be negative ({s})");
        if (v > ScenarioTime.MaxSeconds)
            throw Error(node, $"{what} {s} is beyond the simulated clock's range (at most {ScenarioTime.MaxSeconds:0} seconds)");
        return v;
    }

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(YamlNode node, string what, int min, int max = int.MaxValue)
    {
        var s = Scalar(node, what);
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            var digits = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
            if (digits.Length > 0 && digits.All(char.IsAsciiDigit)) throw Error(node, $"{what} {s} is out of range ({min}..{max})");
            throw Error(node, $"{what} must be an integer, not '{s}'");
        }
        if (v < min) throw Error(node, $"{what} must be at least {min} ({s})");
        if (v > max) throw Error(node, $"{what} {s} is out of range ({min}..{max})");
        return v;
    }

    /// <summary>A 32-bit unsigned number, decimal or <c>0x</c> hex.</summary>
    public uint UInt32(YamlNode node, string what)
    {
        var s = Scalar(node, what);
        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        if (!ok) throw Error(node, $"{what} must be a 32-bit number (decimal or 0x hex, at most 0xffffffff), not '{s}'");
        return v;
    }

    /// <summary>One of the given words.</summary>
    public T Choice<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> choices)
    {
        var s = Scalar(node, what);
        if (choices.TryGetValue(s, out var v)) return v;
        throw Error(node, $"unknown {what} '{s}' (expected {string.Join(", ", choices.Keys)})");
    }

    /// <summary>The entries of a mapping with scalar keys, in file order; a key outside <paramref name="allowed"/> (when given) is an error at the key.</summary>
    /// <remarks>A "key" without colon that YAML split off the previous value at a bare comma is joined back into that value.</remarks>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string context, IReadOnlyCollection<string>? allowed)
    {
        var pairs = new List<(YamlNode Key, YamlNode Value)>();
        foreach (var (keyNode, value) in map.Children)
        {
            if (pairs.Count > 0 && NoColon(keyNode, value) && CommaSplit(pairs[^1].Value, keyNode))
                pairs[^1] = (pairs[^1].Key, Join(pairs[^1].Value, keyNode));
            else
                pairs.Add((keyNode, value));
        }
        var entries = new List<(string, YamlNode, YamlNode)>(pairs.Count);
        foreach (var (keyNode, value) in pairs)
        {
            var key = Scalar(keyNode, "a key");
            if (allowed is not null && !allowed.Contains(key))
                throw Error(keyNode, $"unknown key '{key}' in {context} (expected one of: {string.Join(", ", allowed)})");
            entries.Add((key, keyNode, value));
        }
        return entries;
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "alias",
    };
}
