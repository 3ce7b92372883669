using ProbeSim.Import.C;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Scan;

/// <summary>
/// The compatibles an AMBA driver's probe insists on: <c>if (!of_device_is_compatible(NODE, "c")) return -ENODEV;</c> in
/// the probe function's own body (drivers/mailbox/arm_mhu.c mhu_probe). amba_match reads only the peripheral ID, so such
/// a guard is how a driver whose id table two drivers share (arm_mhu, arm_mhu_db) tells its part apart; it names the part
/// the id table is for.
/// </summary>
public static class ProbeGuards
{
    public static IReadOnlyList<ScannedEntry> Read(CFile file, string probe, CValues values)
    {
        if (!file.Functions.TryGetValue(probe, out var fn)) return [];
        var t = file.Tokens;
        var found = new List<ScannedEntry>();
        for (int i = fn.BodyStart; i + 5 < fn.BodyEnd && i + 5 < t.Count; i++)
        {
            // if ( ! of_device_is_compatible ( ... ) ) return -ENODEV ;
            if (!(t[i].Is("if") && t[i + 1].Is("(") && t[i + 2].Is("!") && t[i + 3].Is("of_device_is_compatible") && t[i + 4].Is("("))) continue;
            int close = Close(t, i + 4, fn.BodyEnd);
            if (close < 0 || close + 5 >= t.Count || !t[close + 1].Is(")")) continue;
            if (!(t[close + 2].Is("return") && t[close + 3].Is("-") && t[close + 4].Is("ENODEV") && t[close + 5].Is(";"))) continue;
            var call = fn.Calls.FirstOrDefault(c => c.Name == "of_device_is_compatible" && c.Line == t[i + 3].Line);
            if (call is not { Args.Count: 2 } || values.String(call.Args[1]) is not { Length: > 0 } compatible) continue;
            found.Add(new ScannedEntry(MatchKind.ProbeOf, compatible, null, null, t[i].Line));
        }
        return found;
    }

    private static int Close(IReadOnlyList<CToken> t, int open, int end)
    {
        int depth = 0;
        for (int j = open; j < end && j < t.Count; j++)
        {
            if (t[j].Is("(")) depth++;
            else if (t[j].Is(")") && --depth == 0) return j;
        }
        return -1;
    }
}
