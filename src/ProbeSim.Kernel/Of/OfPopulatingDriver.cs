namespace ProbeSim.Kernel.Of;

/// <summary>
/// One item of the profile list of_populating_drivers: a compatible pattern of the driver's node, and whether its
/// of_platform_populate passes no parent device (item written with the suffix <c>(parent=none)</c>, pinctrl-rockchip).
/// </summary>
public sealed record OfPopulatingDriver(string Pattern, bool Parentless)
{
    private const string ParentNone = "(parent=none)";

    public static OfPopulatingDriver Parse(string item) =>
        item.EndsWith(ParentNone, StringComparison.Ordinal) ? new(item[..^ParentNone.Length], true) : new(item, false);
}
