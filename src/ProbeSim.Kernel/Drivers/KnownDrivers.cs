namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// What a few real drivers do in probe that a match table cannot tell: optional resources and dev_err_probe reasons.
/// Each entry is a fact about that driver's probe in the kernels we model (read from its source).
/// </summary>
public static class KnownDrivers
{
    static readonly Dictionary<string, Func<DriverSpec, DriverSpec>> Facts = new(StringComparer.Ordinal)
    {
        // mmc_pwrseq_simple_probe: devm_clk_get_optional(dev, "ext_clock")
        ["pwrseq_simple"] = d => d with { OptionalProperties = new[] { "clocks" } },
    };

    public static DriverSpec Apply(DriverSpec spec) => Facts.TryGetValue(spec.Name, out var f) ? f(spec) : spec;
}
