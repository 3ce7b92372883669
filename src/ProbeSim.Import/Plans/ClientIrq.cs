using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>
/// The interrupt a bus gives its client before the driver's probe runs (i2c_device_probe and spi_probe set
/// client->irq / spi->irq from of_irq_get; the AMBA bus fills adev->irq[]): the probe reading that field is the
/// driver's interrupt request. Required when a zero or negative value fails the probe
/// (<c>if (!client->irq) return -EINVAL;</c>, drivers/mfd/rk808.c:737), otherwise optional
/// (<c>if (client->irq &gt; 0) request it</c>, drivers/rtc/rtc-pcf8563.c:562).
/// </summary>
internal static class ClientIrq
{
    private static readonly HashSet<string> ClientTypes = new(StringComparer.Ordinal)
    {
        "i2c_client", "spi_device", "amba_device", "sunxi_rsb_device", "spmi_device", "serdev_device",
    };

    /// <summary>The parameters and locals of a bus-client type in the function.</summary>
    public static HashSet<string> Names(CSourceFile f, CFunction fn) => DeviceNames.OfTypes(f, fn, ClientTypes);

    /// <summary>Whether token <paramref name="i"/> is the <c>irq</c> of <c>client-&gt;irq</c> read (not assigned) for a client name.</summary>
    public static bool IsRead(CSourceFile f, int i, HashSet<string> clients) =>
        f.Is(i, "irq") && f.Is(i - 1, "->") && i >= 2 && f[i - 2].IsIdent && clients.Contains(f[i - 2].Text)
        && !f.Is(i - 3, "->") && !f.Is(i - 3, ".") && !f.Is(i + 1, "=");

    /// <summary>The request for the read at <paramref name="i"/>: index (adev->irq[N]; a loop variable = all) and policy.</summary>
    public static (PlanLookup Lookup, int? Index, PlanPolicy Policy) Request(CSourceFile f, int i, int floor, int ceiling)
    {
        PlanLookup lookup = PlanLookup.Index;
        int? index = 0;
        int after = i + 1;
        if (f.Is(i + 1, "[") && f.Match(i + 1) > i + 1)
        {
            var arg = (i + 2, f.Match(i + 1));
            after = arg.Item2 + 1;
            index = CSyntax.IntLiteral(f, arg);
            if (CSyntax.LoopVariables(f, i, floor).Overlaps(CSyntax.Identifiers(f, arg.Item1, arg.Item2))) { lookup = PlanLookup.All; index = null; }
        }
        return (lookup, index, FailsWhenAbsent(f, i - 2, after, ceiling) ? PlanPolicy.Required : PlanPolicy.Optional);
    }

    // the read [start, after) is the whole condition of an if (negated, or compared with <= 0 / < 0 / == 0) whose body leaves
    private static bool FailsWhenAbsent(CSourceFile f, int start, int after, int ceiling)
    {
        int s = f.Is(start - 1, "!") ? start - 1 : start;
        if (!f.Is(s - 1, "(") || !f.Is(s - 2, "if")) return false;
        var parts = CSyntax.IfParts(f, s - 2, ceiling);
        bool negated = s == start - 1 && after == parts.CondEnd;
        bool compared = s == start && after + 2 == parts.CondEnd && f[after + 1].Text == "0" && f[after].Text is "<=" or "<" or "==";
        if (!negated && !compared) return false;
        for (int k = parts.BodyStart; k <= parts.BodyLast; k++)
            if (f.Is(k, "goto") || (f.Is(k, "return") && !f.Is(k + 1, "0") && !f.Is(k + 1, ";"))) return true;
        return false;
    }
}
