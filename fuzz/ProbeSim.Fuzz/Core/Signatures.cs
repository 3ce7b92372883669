using System.Text.RegularExpressions;

namespace ProbeSim.Fuzz.Core;

/// <summary>
/// Group keys for failures: the outcome, the command and the message with what varies from input to input
/// (numbers, quoted text, paths, positions) replaced, so that one bug gives one group.
/// </summary>
public static partial class Signatures
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal)
    {
        "dtc", "fdtoverlay", "corpus", "boot", "profiles", "explain", "vfio", "check", "invariants", "completion", "diff",
        AcpiStandIn.Command,
    };

    private static readonly HashSet<string> SubCommands = new(StringComparer.Ordinal) { "build", "boot", "merge", "plan" };

    /// <summary>The command words of an argument vector (<c>boot</c>, <c>corpus build</c>, <c>diff merge</c>), or <c>(root)</c>.</summary>
    public static string Command(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        foreach (var a in args)
        {
            if (words.Count == 0 && Commands.Contains(a)) words.Add(a);
            else if (words.Count == 1 && (words[0] is "corpus" or "diff" or "vfio") && SubCommands.Contains(a)) { words.Add(a); break; }
        }
        return words.Count == 0 ? "(root)" : string.Join(' ', words);
    }

    [GeneratedRegex(@"'[^']*'|""[^""]*""|`[^`]*`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\w])(?:[\w.+-]*/)+[\w.+:,@-]*|[\w.+-]+\.(?:dts|dtsi|dtso|dtb|dtbo|yaml|json|html|dot|h|bin|tsv|txt)\b")]
    private static partial Regex PathLike();

    [GeneratedRegex(@"-?(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    public static string Normalize(string message)
    {
        var s = Quoted().Replace(message, "'_'");
        s = PathLike().Replace(s, "PATH");
        s = Number().Replace(s, "N");
        s = Space().Replace(s, " ").Trim();
        return s.Length > 140 ? s[..140] : s;
    }

    public static string Of(Outcome outcome, string command, string message) =>
        $"{Outcomes.Name(outcome)} [{command}] {Normalize(message)}";
}
