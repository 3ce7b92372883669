using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ProbeSim.Cli.Parsing;

/// <summary>Where <c>--until</c> stops a boot: seconds after late_initcall, or an uptime of the model's clock.</summary>
public sealed record UntilPoint(double Seconds, bool Uptime);

/// <summary>
/// <c>--until T</c> (seconds after late_initcall, 0 allowed) or <c>--until uptime:T</c>; anything else is a parse error
/// naming the option.
/// </summary>
public sealed class UntilOption : Option<UntilPoint?>, IAcceptedValues
{
    /// <summary>Latest stop accepted: one simulated day.</summary>
    public const double Max = 86_400;

    public UntilOption() : base("--until")
    {
        CustomParser = Parse;
        HelpName = "T|uptime:T";
        Description = "Stop the simulation T seconds after late_initcall (or at uptime T with uptime:T) and report the state then";
    }

    public string Accepts => string.Create(CultureInfo.InvariantCulture, $"seconds after late_initcall (0 to {Max}) or uptime:SECONDS");

    /// <summary>The boot options with the stop applied (unchanged without --until).</summary>
    public static ProbeSim.Kernel.Boot.BootOptions Apply(ProbeSim.Kernel.Boot.BootOptions options, UntilPoint? until) => until switch
    {
        null => options,
        { Uptime: true } u => options with { StopAtUptimeSeconds = u.Seconds, StopAfterSeconds = null },
        var u => options with { StopAfterSeconds = u.Seconds, StopAtUptimeSeconds = null },
    };

    private UntilPoint? Parse(ArgumentResult result)
    {
        var text = string.Join(" ", result.Tokens.Select(t => t.Value));
        bool uptime = text.StartsWith("uptime:", StringComparison.Ordinal);
        var number = uptime ? text["uptime:".Length..] : text;
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 && v <= Max)
            return new UntilPoint(v, uptime);
        result.AddError($"{OptionNames.Typed(result)} takes {Accepts}, not '{text}'");
        return null;
    }
}
