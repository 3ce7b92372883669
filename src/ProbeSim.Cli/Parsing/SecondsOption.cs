using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ProbeSim.Cli.Parsing;

/// <summary>An option whose value is a number of seconds above 0 and at most <see cref="Max"/> (decimals allowed, <c>1.5</c>); anything else is a parse error naming the option.</summary>
public sealed class SecondsOption : Option<double?>, IAcceptedValues
{
    public SecondsOption(string name, double max, string[]? aliases = null) : base(name, aliases ?? [])
    {
        Max = max;
        CustomParser = Parse;
    }

    public double Max { get; }

    public string Accepts => string.Create(CultureInfo.InvariantCulture, $"a number of seconds above 0 and at most {Max}");

    private double? Parse(ArgumentResult result)
    {
        var text = string.Join(" ", result.Tokens.Select(t => t.Value));
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v)
            && double.IsFinite(v) && v > 0 && v <= Max)
            return v;
        result.AddError($"{OptionNames.Typed(result)} takes {Accepts}, not '{text}'");
        return null;
    }
}
