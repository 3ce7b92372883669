using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Pci;

/// <summary>Typed reads of YamlDotNet nodes for one topology file; every failure is a located <see cref="PciTopologyException"/>.</summary>
internal sealed class PciYamlReader(string file)
{
    public string File { get; } = file;

    public PciSourceLocation At(YamlNode node) => At(node.Start);

    public PciSourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    public PciTopologyException Error(YamlNode node, string reason) => new(At(node), reason);

    /// <summary>The mapping's entries with string keys; a key outside <paramref name="expected"/> is an error listing them.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string what,
        IReadOnlyCollection<string> expected, IReadOnlyCollection<string>? extra = null)
    {
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
                throw Error(k, $"keys of {what} must be plain names");
            if (!expected.Contains(key) && (extra is null || !extra.Contains(key)))
                throw Error(k, $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", expected.Concat(extra ?? []))}");
            yield return (key, k, v);
        }
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null";

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public string Scalar(YamlNode node, string what)
    {
        if (node is not YamlScalarNode s) throw Error(node, $"{what} must be a single value");
        if (IsNull(node)) throw Error(node, $"{what} needs a value");
        return s.Value!;
    }

    public bool Bool(YamlNode node, string what) => Scalar(node, what) switch
    {
        "true" or "True" or "TRUE" or "yes" => true,
        "false" or "False" or "FALSE" or "no" => false,
        var s => throw Error(node, $"{what} must be true or false, not '{s}'"),
    };

    /// <summary>A decimal number or a <c>0x</c> hex number in [min, max].</summary>
    public int Int(YamlNode node, string what, int min, int max)
    {
        var s = Scalar(node, what);
        var ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        var digits = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s[2..] : s;
        if (!ok && digits.Length > 0 && digits.All(s.Length > digits.Length ? char.IsAsciiHexDigit : char.IsAsciiDigit))
            throw Error(node, $"{what} {s} is out of range ({min}..{max})");
        if (!ok) throw Error(node, $"{what} must be a number (decimal or 0x hex), not '{s}'");
        if (v < min || v > max) throw Error(node, $"{what} {s} is out of range ({min}..{max})");
        return v;
    }

    /// <summary>Hex digits with or without <c>0x</c>, at most <paramref name="digits"/> of them.</summary>
    public uint Hex(YamlNode node, string what, int digits) => Hex(node, Scalar(node, what), what, digits);

    public uint Hex(YamlNode node, string text, string what, int digits)
    {
        var t = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (t.Length == 0 || t.Length > digits
            || !uint.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
            throw Error(node, $"{what} must be hex with at most {digits} digits, not '{text}'");
        return v;
    }

    /// <summary><c>vvvv:dddd</c>; with <paramref name="anyDevice"/>, <c>vvvv:*</c> gives a null device.</summary>
    public (ushort Vendor, ushort? Device) Id(YamlNode node, string what, bool anyDevice)
    {
        var s = Scalar(node, what);
        var colon = s.IndexOf(':');
        if (colon < 0) throw Error(node, $"{what} must be vendor:device in hex (e.g. 8086:10d3), not '{s}'");
        var vendor = (ushort)Hex(node, s[..colon], what + " vendor", 4);
        var dev = s[(colon + 1)..];
        if (anyDevice && dev == "*") return (vendor, null);
        return (vendor, (ushort)Hex(node, dev, what + " device", 4));
    }

    /// <summary>A slot <c>DD.F</c> (hex device 00-1f, function 0-7).</summary>
    public byte Slot(YamlNode node, string what)
    {
        var s = Scalar(node, what);
        if (!PciDevfn.TryParse(s, out var devfn))
            throw Error(node, $"{what} must be DD.F (device 00-1f in hex, function 0-7), not '{s}'");
        return devfn;
    }

    /// <summary>ACS bits as a list of names (SV, TB, RR, CR, UF, EC, DT) or one hex number.</summary>
    public PciAcsFlags AcsFlags(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            var flags = PciAcsFlags.None;
            foreach (var item in seq.Children)
            {
                var name = Scalar(item, what + " flag");
                flags |= name.ToUpperInvariant() switch
                {
                    "SV" => PciAcsFlags.SV,
                    "TB" => PciAcsFlags.TB,
                    "RR" => PciAcsFlags.RR,
                    "CR" => PciAcsFlags.CR,
                    "UF" => PciAcsFlags.UF,
                    "EC" => PciAcsFlags.EC,
                    "DT" => PciAcsFlags.DT,
                    _ => throw Error(item, $"unknown ACS flag '{name}'; expected SV, TB, RR, CR, UF, EC or DT"),
                };
            }
            return flags;
        }
        var text = Scalar(node, what);
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            throw Error(node, $"{what} must be a list of ACS flags ([SV, RR, CR, UF]) or a 0x hex number, not '{text}'");
        return (PciAcsFlags)Hex(node, text, what, 4);
    }
}
