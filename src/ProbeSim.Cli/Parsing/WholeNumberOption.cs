using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ProbeSim.Cli.Parsing;

/// <summary>
/// An option whose value is a whole number from <see cref="Min"/> to <see cref="Max"/>; anything else (not a number, out of
/// range, or failing <c>valid</c>) is a parse error naming the option and the range. With <c>cStyle</c> the number is read
/// as C's <c>strtol(s, NULL, 0)</c> reads it (dtc's options): <c>0x</c> hexadecimal, a leading <c>0</c> octal, else decimal.
/// </summary>
public sealed class WholeNumberOption<T> : Option<T?>, IAcceptedValues where T : struct, IBinaryInteger<T>
{
    private readonly bool _cStyle;
    private readonly Func<long, bool>? _valid;
    private readonly string? _accepts;

    public WholeNumberOption(string name, long min, long max, string[]? aliases = null, bool cStyle = false, Func<long, bool>? valid = null, string? accepts = null)
        : base(name, aliases ?? [])
    {
        Min = min;
        Max = max;
        _cStyle = cStyle;
        _valid = valid;
        _accepts = accepts;
        CustomParser = Parse;
    }

    public long Min { get; }
    public long Max { get; }

    public string Accepts => (_accepts ?? string.Create(CultureInfo.InvariantCulture, $"a whole number from {Min} to {Max}"))
        + (_cStyle ? " (decimal, 0x hex or 0 octal)" : "");

    private T? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        if (Read(text, _cStyle) is long v && v >= Min && v <= Max && (_valid is null || _valid(v))) return T.CreateChecked(v);
        result.AddError($"{OptionNames.Typed(result)} takes {Accepts}, not '{text}'");
        return null;
    }

    /// <summary>The number <paramref name="text"/> spells, or null (not a number, or beyond a 64-bit integer).</summary>
    internal static long? Read(string text, bool cStyle)
    {
        bool negative = text.StartsWith('-');
        var digits = negative || text.StartsWith('+') ? text[1..] : text;
        if (digits.Length == 0 || !char.IsAsciiDigit(digits[0])) return null;
        long value;
        bool ok;
        if (cStyle && digits.Length > 2 && digits[0] == '0' && (digits[1] is 'x' or 'X'))
            ok = long.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        else if (cStyle && digits.Length > 1 && digits[0] == '0')
            ok = TryOctal(digits[1..], out value);
        else ok = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) return null;
        return negative ? -value : value;
    }

    private static bool TryOctal(string digits, out long value)
    {
        value = 0;
        foreach (char c in digits)
        {
            if (c is < '0' or > '7' || value > (long.MaxValue >> 3)) return false;
            value = value * 8 + (c - '0');
        }
        return true;
    }
}
