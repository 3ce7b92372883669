namespace ProbeSim.Import.Plans;

/// <summary>
/// An alternative: <c>regmap = sun8i_dwmac_get_syscon_from_dev(np); if (IS_ERR(regmap)) regmap =
/// syscon_regmap_lookup_by_phandle(np, "syscon");</c> (drivers/net/ethernet/stmicro/stmmac/dwmac-sun8i.c:1203-1206): the
/// second getter runs only when the first failed.
/// </summary>
internal static class Fallback
{
    /// <summary>Whether the getter call at <paramref name="call"/> is <c>x = getter(...)</c>, the whole body of
    /// <c>if (IS_ERR(x))</c>, right after a statement that assigned x.</summary>
    public static bool Of(CSourceFile f, CFunction fn, int call)
    {
        if (!f.Is(call - 1, "=")) return false;
        // the assigned lvalue: x, foo->x, foo.x
        int s = call - 1;
        while (s - 1 > fn.BodyOpen && (f[s - 1].IsIdent || f.Is(s - 1, "->") || f.Is(s - 1, "."))) s--;
        if (s == call - 1) return false;
        var target = CSyntax.Text(f, s, call - 1);
        // the if whose body is this statement (braced or not)
        int cond = f.Is(s - 1, "{") ? s - 2 : s - 1;
        int open = f.Match(cond);
        if (!f.Is(cond, ")") || open < 1 || !f.Is(open - 1, "if")) return false;
        if (CSyntax.Text(f, open + 1, cond) != $"IS_ERR({target})") return false;
        // the statement before the if assigns the same target
        int prevEnd = open - 2;
        if (!f.Is(prevEnd, ";")) return false;
        int prev = CSyntax.StatementStart(f, prevEnd, fn.BodyOpen + 1);
        return CSyntax.Text(f, prev, Math.Min(prevEnd, prev + target.Length + 8)).StartsWith(target + "=", StringComparison.Ordinal);
    }
}
