namespace ProbeSim.Import.Plans;

/// <summary>
/// A request made only when a value read from the device's registers says so: inside
/// <c>if (fifo_disable)</c> where <c>fifo_disable = readl_relaxed(base + GENI_IF_DISABLE_RO) &amp; FIFO_IF_DISABLE</c>
/// (drivers/i2c/busses/i2c-qcom-geni.c:874-879, GPI DMA only in GPI mode). The device tree does not say which branch
/// the hardware takes: the step is recorded with <c>when = hardware</c> (<see cref="ProbeSim.Kernel.Drivers.Imported.PlanStep.WhenHardware"/>).
/// </summary>
internal static class HardwareGuard
{
    private static readonly string[] RegisterReads =
    {
        "readl", "readl_relaxed", "readw", "readw_relaxed", "readb", "readb_relaxed", "readq", "readq_relaxed",
        "ioread8", "ioread16", "ioread32", "ioread64", "__raw_readl",
    };

    /// <summary>Whether token <paramref name="at"/> is in the then-body of an if (or the body of a switch) on a local that a register read set.</summary>
    // if (v) ... / switch (v) { case 1: ... } (drivers/spi/spi-geni-qcom.c:695-698 in v6.12)
    public static bool Guards(CSourceFile f, CFunction fn, int at) =>
        CSyntax.EnclosingConditions(f, fn, at, switches: true).Any(c =>
            CSyntax.Identifiers(f, c.Parts.CondStart, c.Parts.CondEnd).Any(v => ReadFromRegister(f, fn, v, c.Keyword)));

    // v = <expression with readl...(...)>; before the if
    private static bool ReadFromRegister(CSourceFile f, CFunction fn, string v, int before)
    {
        for (int i = before - 1; i > fn.BodyOpen + 1; i--)
        {
            if (!f.Is(i, v) || !f.Is(i + 1, "=") || f.Is(i - 1, "->") || f.Is(i - 1, ".")) continue;
            int end = CSyntax.StatementEnd(f, i, before);
            for (int k = i + 2; k < end; k++)
                if (Array.IndexOf(RegisterReads, f[k].Text) >= 0 && f.Is(k + 1, "(")) return true;
        }
        return false;
    }
}
