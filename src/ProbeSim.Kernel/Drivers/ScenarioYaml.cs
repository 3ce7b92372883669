using System.Globalization;
using ProbeSim.DeviceTree.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>Typed reads of YamlDotNet representation nodes for one scenario file; every failure is a located <see cref="ScenarioException"/>.</summary>
internal sealed class ScenarioYaml
{
    public ScenarioYaml(string file) => File = file;

    public string File { get; }

    public SourceLocation At(YamlNode node) => At(node.Start);

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
        return seq.Children.Select(c => NonEmpty(c, what)).ToArray();
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
        return v;
    }

    /// <summary>An integer of at least <paramref name="min"/>.</summary>
    public int Int(YamlNode node, string what, int min)
    {
        var s = Scalar(node, what);
        if (!int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            throw Error(node, $"{what} must be an integer, not '{s}'");
        if (v < min) throw Error(node, $"{what} must be at least {min} ({s})");
        return v;
    }

    /// <summary>A 32-bit unsigned number, decimal or <c>0x</c> hex.</summary>
    public uint UInt32(YamlNode node, string what)
    {
        var s = Scalar(node, what);
        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        if (!ok) throw Error(node, $"{what} must be a 32-bit number (decimal or 0x hex), not '{s}'");
        return v;
    }

    /// <summary>One of the given words.</summary>
    public T Choice<T>(YamlNode node, string what, IReadOnlyDictionary<string, T> choices)
    {
        var s = Scalar(node, what);
        if (choices.TryGetValue(s, out var v)) return v;
        throw Error(node, $"unknown {what} '{s}' (expected {string.Join(", ", choices.Keys)})");
    }

    /// <summary>The entries of a mapping with scalar keys, in file order; a key outside <paramref name="allowed"/> is an error at the key.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string context, IReadOnlyCollection<string> allowed)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Scalar(keyNode, "a key");
            if (!allowed.Contains(key))
                throw Error(keyNode, $"unknown key '{key}' in {context} (expected one of: {string.Join(", ", allowed)})");
            yield return (key, keyNode, value);
        }
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "alias",
    };
}
