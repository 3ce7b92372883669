namespace ProbeSim.Import.Plans;

/// <summary>
/// A request made only when the node names the resource: inside <c>if (of_property_read_bool(np, "extcon"))</c>
/// (drivers/phy/rockchip/phy-rockchip-inno-usb2.c:381) or <c>node = of_parse_phandle(np, "rockchip,pmu", 0); if (node)</c>
/// (drivers/pinctrl/pinctrl-rockchip.c:3458). Absent, it is never asked: the getter behaves as an optional one.
/// </summary>
internal static class PresenceGuard
{
    private static readonly HashSet<string> PresenceTests = new(StringComparer.Ordinal)
    {
        "of_property_read_bool", "of_property_present", "of_find_property", "device_property_present",
        "device_property_read_bool", "fwnode_property_present", "of_get_property",
    };

    /// <summary>Whether the call at <paramref name="call"/> is in the then-body of an if that tests the property's presence.</summary>
    public static bool Guards(CSourceFile f, CFunction fn, int call) =>
        CSyntax.EnclosingConditions(f, fn, call).Any(c => Tests(f, fn, c.Parts.CondStart, c.Parts.CondEnd));

    private static bool Tests(CSourceFile f, CFunction fn, int start, int end)
    {
        if (f.Is(start, "!")) return false;
        for (int k = start; k < end; k++)
            if (PresenceTests.Contains(f[k].Text) && f.Is(k + 1, "(")) return true;
        // if (node) / if (node != NULL) where node = of_parse_phandle(...)
        if (!f[start].IsIdent || !(end == start + 1 || (end == start + 3 && f.Is(start + 1, "!=") && f.Is(start + 2, "NULL")))) return false;
        var v = f[start].Text;
        for (int i = start - 1; i > fn.BodyOpen + 1; i--)
            if (f.Is(i, v) && f.Is(i + 1, "=")) return f.Is(i + 2, "of_parse_phandle");
        return false;
    }
}
