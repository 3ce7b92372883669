using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>What the code around a getter does with its result.</summary>
internal enum Handling
{
    /// <summary>No check of the result was found.</summary>
    NoCheck,
    /// <summary>Any error leaves the function (return, goto, return dev_err_probe).</summary>
    Exit,
    /// <summary>Only -EPROBE_DEFER (or anything but -ENOENT/-ENODEV) leaves; other errors are swallowed.</summary>
    DeferOnly,
    /// <summary>The error is checked but swallowed (set to NULL, a warning).</summary>
    Swallow,
    /// <summary>The result is returned to the caller, whose handling decides.</summary>
    Returned,
}

/// <summary>The handling found, the failure branch's message, and the tokens of the checks (their -EPROBE_DEFER returns belong to the request).</summary>
internal readonly record struct HandlingResult(Handling Kind, PlanMessage? Message, int ConsumedFrom, int ConsumedTo)
{
    public static HandlingResult None => new(Handling.NoCheck, null, -1, -1);
}

/// <summary>
/// Reads the error handling that follows a call (a getter or a helper returning one): the assignment target, the
/// first checks of it in the next statements, and what their branches do.
/// </summary>
internal static class ErrorHandling
{
    private const int LookAhead = 8;

    public static HandlingResult Analyze(CSourceFile f, int name, int floor, int ceiling)
    {
        int close = f.Match(name + 1);
        // priv->ops->init(...): the expression starts at priv
        while (name - 2 >= floor && (f.Is(name - 1, "->") || f.Is(name - 1, ".")) && f[name - 2].IsIdent) name -= 2;
        int s = CSyntax.StatementStart(f, name, floor);
        // inside an if condition: if (getter(...)) / if (getter(...) < 0)
        if (f.Is(s - 1, "(") && f.Is(s - 2, "if") && f.Match(s - 1) > close)
        {
            var parts = CSyntax.IfParts(f, s - 2, ceiling);
            var r = Classify(f, parts, f.Is(s, "!") && !f.Is(s + 1, "IS_ERR"));
            return r with { ConsumedFrom = s - 2, ConsumedTo = parts.BodyLast };
        }
        if (f.Is(name - 1, "return")) return new HandlingResult(Handling.Returned, null, -1, -1);
        if (!f.Is(name - 1, "=")) return HandlingResult.None;
        var target = Target(f, s, name - 1);
        if (target.Count == 0) return HandlingResult.None;
        int end = CSyntax.StatementEnd(f, close, ceiling);
        int pos = end + 1;
        HandlingResult? tentative = null, swallowed = null;
        for (int n = 0; n < LookAhead && pos < ceiling; n++)
        {
            if (f.Is(pos, "}"))
            {
                // the getter ends a branch (if (v0) x = get(NULL); else { x = get("i2c"); }): the checks follow the if
                int branchOf = BranchIf(f, f.Match(pos));
                if (branchOf < 0) break;
                pos = CSyntax.StatementLast(f, branchOf, ceiling) + 1;
                continue;
            }
            int last = CSyntax.StatementLast(f, pos, ceiling);
            if (f.Is(pos, "if"))
            {
                var parts = CSyntax.IfParts(f, pos, ceiling);
                if (CSyntax.Contains(f, parts.CondStart, parts.CondEnd, target))
                {
                    var r = Classify(f, parts, false) with { ConsumedFrom = pos, ConsumedTo = parts.BodyLast };
                    if (r.Kind == Handling.Swallow && SkipsOnSuccess(f, parts) && ExitFollows(f, last + 1, ceiling))
                        // if (!IS_ERR(x)) continue; ... return ret;  the error path is what follows
                        return new HandlingResult(Handling.Exit, Messages.First(f, last + 1, CSyntax.StatementLast(f, last + 1, ceiling) + 1), pos, last);
                    if (r.Kind == Handling.DeferOnly && CondIsDeferOnly(f, parts))
                    {
                        // if (PTR_ERR(x) == -EPROBE_DEFER) return ...; a later if (IS_ERR(x)) may still fail the probe
                        tentative ??= r;
                        pos = last + 1;
                        continue;
                    }
                    if (tentative is { } t && r.Kind == Handling.Swallow) return t;
                    // if (IS_ERR(x)) x = fallback();  the later checks test the fallback's value, not this one
                    // (only the plain fallback: pwm_bl's "if (IS_ERR(pwm) && !node) pwm = legacy();" still fails on the
                    // devm_pwm_get error when there is a node, drivers/video/backlight/pwm_bl.c:508-517)
                    if (r.Kind == Handling.Swallow && CSyntax.Text(f, parts.CondStart, parts.CondEnd) == $"IS_ERR({string.Concat(target)})"
                        && Assigns(f, parts.BodyStart, parts.BodyLast + 1, target)) return r;
                    if (r.Kind == Handling.Swallow)
                    {
                        // if (ret) cleanup(); return ret;  the value still leaves later
                        swallowed ??= r;
                        pos = last + 1;
                        continue;
                    }
                    return tentative is { } t2 ? r with { ConsumedFrom = t2.ConsumedFrom } : r;
                }
            }
            else if (f.Is(pos, "return"))
            {
                if (CSyntax.Contains(f, pos, last, target) && !(f.Is(pos + 1, "0") && f.Is(pos + 2, ";")))
                    return new HandlingResult(Handling.Exit, swallowed?.Message, swallowed?.ConsumedFrom ?? -1, swallowed?.ConsumedTo ?? -1);
                break;
            }
            else
            {
                // ret = PTR_ERR_OR_ZERO(x); / ret = PTR_ERR(x); then the checks test ret
                var alias = Alias(f, pos, last, target);
                if (alias is not null) { target = alias; pos = last + 1; continue; }
                if (Assigns(f, pos, last, target)) break;
            }
            pos = last + 1;
        }
        return tentative ?? swallowed ?? HandlingResult.None;
    }

    // the if statement whose then- or else-body is the block opened at `open`; -1 for any other block
    private static int BranchIf(CSourceFile f, int open)
    {
        if (open < 2 || !f.Is(open, "{")) return -1;
        if (f.Is(open - 1, ")") && f.Match(open - 1) is int cond and > 0 && f.Is(cond - 1, "if")) return cond - 1;
        if (f.Is(open - 1, "else") && f.Is(open - 2, "}") && f.Match(open - 2) is int thenOpen and > 1
            && f.Is(thenOpen - 1, ")") && f.Match(thenOpen - 1) is int c2 and > 0 && f.Is(c2 - 1, "if")) return c2 - 1;
        return -1;
    }

    private static bool SkipsOnSuccess(CSourceFile f, (int CondStart, int CondEnd, int BodyStart, int BodyLast) p)
        => f.Is(p.CondStart, "!") && f.Is(p.CondStart + 1, "IS_ERR") && f.Is(p.BodyStart, "continue");

    // an exit statement among the next statements of the same block
    private static bool ExitFollows(CSourceFile f, int pos, int ceiling)
    {
        int outs = 0;
        for (int n = 0; n < LookAhead && pos < ceiling; n++)
        {
            // the end of an inner block (if (!ret) { ... }): its next statements are still on the error path
            if (f.Is(pos, "}")) { if (++outs > 2) break; pos++; continue; }
            if (IsExitStatement(f, pos)) return true;
            int last = CSyntax.StatementLast(f, pos, ceiling);
            if (f.Is(pos, "if") && TopLevelExit(f, CSyntax.IfParts(f, pos, ceiling).BodyStart, CSyntax.IfParts(f, pos, ceiling).BodyLast)
                && !CSyntax.ContainsToken(f, pos, last, "EPROBE_DEFER")) return true;
            pos = last + 1;
        }
        return false;
    }

    private static List<string> Target(CSourceFile f, int start, int eq)
    {
        var list = new List<string>();
        bool member = false;
        for (int i = start; i < eq; i++) if (f[i].Text is "->" or "." or "[") member = true;
        if (member)
        {
            // drop a leading declaration or cast; keep from the first identifier of the lvalue chain
            for (int i = start; i < eq; i++) list.Add(f[i].Text);
            while (list.Count > 0 && list[0] is "*" or "&") list.RemoveAt(0);
            return list;
        }
        for (int i = eq - 1; i >= start; i--)
            if (f[i].IsIdent) { list.Add(f[i].Text); break; }
        return list;
    }

    private static List<string>? Alias(CSourceFile f, int s, int last, List<string> target)
    {
        for (int i = s; i < last; i++)
        {
            if (!f.Is(i, "=")) continue;
            if (!(f.Is(i + 1, "PTR_ERR_OR_ZERO") || f.Is(i + 1, "PTR_ERR"))) return null;
            if (!CSyntax.Contains(f, i + 1, last, target)) return null;
            for (int k = i - 1; k >= s; k--) if (f[k].IsIdent) return new List<string> { f[k].Text };
            return null;
        }
        return null;
    }

    private static bool Assigns(CSourceFile f, int s, int last, List<string> target)
    {
        for (int i = s; i + target.Count < last; i++)
        {
            int k = 0;
            while (k < target.Count && f[i + k].Text == target[k]) k++;
            // x = NULL is the other branch of an #if (both are read) or a reset after a check: not a new value to test
            if (k == target.Count && f.Is(i + k, "=") && !(f[i + k + 1].Text is "NULL" or "0" && f.Is(i + k + 2, ";"))) return true;
        }
        return false;
    }

    private static bool CondIsDeferOnly(CSourceFile f, (int CondStart, int CondEnd, int BodyStart, int BodyLast) p)
        => CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "EPROBE_DEFER") && CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "==")
           && !CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "||");

    private static HandlingResult Classify(CSourceFile f, (int CondStart, int CondEnd, int BodyStart, int BodyLast) p, bool negated)
    {
        PlanMessage? message = Messages.First(f, p.BodyStart, p.BodyLast + 1);
        bool notPresent = f.Is(p.CondStart, "!") && f.Is(p.CondStart + 1, "IS_ERR");
        if (notPresent || negated) return new HandlingResult(Handling.Swallow, message, -1, -1);
        bool condDefer = CondIsDeferOnly(f, p);
        bool condNotAbsent = CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "!=")
            && (CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "ENOENT") || CSyntax.ContainsToken(f, p.CondStart, p.CondEnd, "ENODEV"));
        bool topExit = TopLevelExit(f, p.BodyStart, p.BodyLast);
        if (topExit && (condDefer || condNotAbsent)) return new HandlingResult(Handling.DeferOnly, message, -1, -1);
        if (topExit) return new HandlingResult(Handling.Exit, message, -1, -1);
        // if (IS_ERR(x)) { if (PTR_ERR(x) != -ENODEV) return dev_err_probe(...); }  (drivers/soc/imx/gpcv2.c:1318)
        if (FirstStatementIf(f, p.BodyStart) is int inner)
        {
            var q = CSyntax.IfParts(f, inner, f.Count);
            bool innerNotAbsent = CSyntax.ContainsToken(f, q.CondStart, q.CondEnd, "!=")
                && (CSyntax.ContainsToken(f, q.CondStart, q.CondEnd, "ENOENT") || CSyntax.ContainsToken(f, q.CondStart, q.CondEnd, "ENODEV"));
            if ((innerNotAbsent || CondIsDeferOnly(f, q)) && TopLevelExit(f, q.BodyStart, q.BodyLast))
                return new HandlingResult(Handling.DeferOnly, message, -1, -1);
        }
        if (CSyntax.ContainsToken(f, p.BodyStart, p.BodyLast + 1, "EPROBE_DEFER") && AnyExit(f, p.BodyStart, p.BodyLast + 1))
            return new HandlingResult(Handling.DeferOnly, message, -1, -1);
        // if (err == -ENOENT) none; else if (err) return err;  errors but the tested one leave
        if (f.Is(p.BodyLast + 1, "else") && ElseExits(f, p.BodyLast + 2))
            return new HandlingResult(Handling.DeferOnly, message ?? Messages.First(f, p.BodyLast + 2, CSyntax.StatementLast(f, p.BodyLast + 2, f.Count) + 1), -1, -1);
        return new HandlingResult(Handling.Swallow, message, -1, -1);
    }

    // the if statement that starts a braced body, if any
    private static int? FirstStatementIf(CSourceFile f, int bodyStart) =>
        f.Is(bodyStart, "{") && f.Is(bodyStart + 1, "if") && f.Is(bodyStart + 2, "(") ? bodyStart + 1 : null;

    private static bool ElseExits(CSourceFile f, int s)
    {
        if (!f.Is(s, "if")) return TopLevelExit(f, s, CSyntax.StatementLast(f, s, f.Count));
        var p = CSyntax.IfParts(f, s, f.Count);
        return TopLevelExit(f, p.BodyStart, p.BodyLast) || (f.Is(p.BodyLast + 1, "else") && ElseExits(f, p.BodyLast + 2));
    }

    private static bool IsExitStatement(CSourceFile f, int s)
    {
        if (f.Is(s, "goto")) return true;
        if (!f.Is(s, "return")) return false;
        if (f.Is(s + 1, ";")) return false;
        if (f.Is(s + 1, "0") && f.Is(s + 2, ";")) return false;
        return true;
    }

    private static bool TopLevelExit(CSourceFile f, int bodyStart, int bodyLast)
    {
        if (!f.Is(bodyStart, "{")) return IsExitStatement(f, bodyStart);
        int pos = bodyStart + 1;
        while (pos < bodyLast)
        {
            if (IsExitStatement(f, pos)) return true;
            pos = CSyntax.StatementLast(f, pos, bodyLast) + 1;
        }
        return false;
    }

    private static bool AnyExit(CSourceFile f, int start, int end)
    {
        for (int i = start; i < end; i++) if (IsExitStatement(f, i)) return true;
        return false;
    }
}

/// <summary>The literal format strings of dev_err_probe / dev_err / dev_warn / pr_err calls.</summary>
internal static class Messages
{
    /// <summary>The format string of the first print call in [start, end), or null.</summary>
    public static PlanMessage? First(CSourceFile f, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!f[i].IsIdent || !f.Is(i + 1, "(")) continue;
            int argIndex = FormatArg(f[i].Text);
            if (argIndex < 0) continue;
            var args = CSyntax.Args(f, i + 1);
            if (args.Count <= argIndex) continue;
            var s = CSyntax.StringLiteral(f, args[argIndex].Start, args[argIndex].End);
            if (s is not null) return new PlanMessage(KindOf(f[i].Text), s);
        }
        return null;
    }

    /// <summary>How the kernel treats a text given to <paramref name="function"/>: only dev_err_probe records a deferral reason.</summary>
    public static PlanMessageKind KindOf(string function) => function switch
    {
        "dev_err_probe" => PlanMessageKind.DevErrProbe,
        _ when function.Contains("_warn", StringComparison.Ordinal) => PlanMessageKind.Warning,
        _ when function.Contains("_info", StringComparison.Ordinal) || function.Contains("_notice", StringComparison.Ordinal) => PlanMessageKind.Info,
        _ when function.Contains("_dbg", StringComparison.Ordinal) || function.Contains("_debug", StringComparison.Ordinal) => PlanMessageKind.Debug,
        _ => PlanMessageKind.Error,
    };

    /// <summary>Which argument is the format string: dev_err_probe(dev, err, fmt), dev_err(dev, fmt), pr_err(fmt).</summary>
    public static int FormatArg(string name) => name switch
    {
        "dev_err_probe" => 2,
        "dev_err" or "dev_warn" or "dev_info" or "dev_dbg" or "dev_notice" or "dev_crit" or "dev_err_once" or "dev_warn_once"
            or "dev_err_ratelimited" or "dev_warn_ratelimited" or "dev_info_once" or "dev_dbg_once" or "netdev_err" => 1,
        "pr_err" or "pr_warn" or "pr_info" or "pr_debug" or "pr_notice" or "pr_err_once" or "pr_warn_once" => 0,
        _ => -1,
    };
}
