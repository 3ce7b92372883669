using System.Text.RegularExpressions;

namespace ProbeSim.Fuzz.Core;

/// <summary>
/// What a clean end looks like (docs/exit-codes.md): exit 0-3; on standard error only whole messages, one per line
/// (<c>probesim: ...</c>, <c>FILE:LINE:COL: error|warning: ...</c>, a blob's <c>FILE: error: at byte offset ...</c>,
/// <c>FAILED ...</c> of the corpus commands), never "internal error"; a message with exit 1 or 2; every input unchanged.
/// </summary>
public static partial class Oracle
{
    [GeneratedRegex(@"^(?:probesim: |FAILED \S|(?:error|warning|note): |\S.*?: (?:error|warning|note): )")]
    private static partial Regex MessageLine();

    // issue 15, item 4: a command-line error is one line, then where to read more
    [GeneratedRegex(@"^see 'probesim( [a-z-]+)* --help'$")]
    private static partial Regex SeeHelpLine();

    private static readonly HashSet<string> OutputOptions = ["--json", "--html", "--dot", "-o", "--out"];

    /// <summary>
    /// A file the run was told to write (the value of an output option) and that no other argument names: the case
    /// lists every file of its scratch directory as an input, but the command never reads this one, so writing it is
    /// what the user asked for (<c>boot --html board.dts</c> boots the sample board).
    /// </summary>
    private static bool OnlyAnOutput(string[] args, string path)
    {
        bool output = false;
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            int eq = a.IndexOf('=');
            if (a.StartsWith('-') && eq > 0 && OutputOptions.Contains(a[..eq]) && a[(eq + 1)..] == path) { output = true; continue; }
            if (OutputOptions.Contains(a) && i + 1 < args.Length && args[i + 1] == path) { output = true; i++; continue; }
            if (a == path || a.EndsWith("=" + path, StringComparison.Ordinal)) return false;
        }
        return output;
    }

    public static RunVerdict Judge(string[] args, int exitCode, string stderr, long elapsedMs,
        IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after)
    {
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var cmd = Signatures.Command(args);
        var internalLine = lines.FirstOrDefault(l => l.Contains("internal error", StringComparison.OrdinalIgnoreCase));
        if (exitCode == 70 || internalLine is not null)
        {
            var line = internalLine ?? lines.FirstOrDefault(l => l.Length > 0) ?? "";
            return new RunVerdict(Outcome.InternalError, exitCode, elapsedMs, Signatures.Of(Outcome.InternalError, cmd, line), line);
        }
        // 0-3 for every command; 4 (PlanRefused, docs/exit-codes.md) only from vfio plan
        if (exitCode is < 0 or > 4 || exitCode == 4 && cmd != "vfio plan")
        {
            var line = $"exit status {exitCode}: " + (lines.FirstOrDefault(l => l.Length > 0) ?? "");
            return new RunVerdict(Outcome.BadExit, exitCode, elapsedMs, Signatures.Of(Outcome.BadExit, cmd, line), line);
        }
        foreach (var (path, hash) in before)
        {
            if (after.GetValueOrDefault(path) == hash || OnlyAnOutput(args, path)) continue;
            var line = after.GetValueOrDefault(path) is null ? $"input {path} was removed" : $"input {path} was overwritten";
            return new RunVerdict(Outcome.InputModified, exitCode, elapsedMs, Signatures.Of(Outcome.InputModified, cmd, "an input was overwritten or removed"), line);
        }
        if (exitCode is 1 or 2 && lines.All(l => l.Trim().Length == 0))
            return new RunVerdict(Outcome.SilentError, exitCode, elapsedMs, Signatures.Of(Outcome.SilentError, cmd, $"exit {exitCode}"), $"exit {exitCode} and nothing on standard error");
        for (int i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Trim().Length == 0 || MessageLine().IsMatch(l)) continue;
            if (i > 0 && MessageLine().IsMatch(lines[i - 1]) && SeeHelpLine().IsMatch(l)) continue;
            var previous = i > 0 ? lines[i - 1] : "";
            var detail = i > 0 ? $"line {i + 1} of standard error is not a message: '{l}' (after '{previous}')" : $"standard error starts with '{l}'";
            // group by the message that went wrong: the first line of a multi-line message, else the odd line itself
            var key = i > 0 && previous.Length > 0 && !MessageLine().IsMatch(previous) ? lines[FirstOfBlock(lines, i)] : i > 0 && previous.Length > 0 ? previous : l;
            return new RunVerdict(Outcome.Unformatted, exitCode, elapsedMs, Signatures.Of(Outcome.Unformatted, cmd, key), detail);
        }
        return new RunVerdict(Outcome.Ok, exitCode, elapsedMs);
    }

    private static int FirstOfBlock(List<string> lines, int i)
    {
        while (i > 0 && lines[i - 1].Length > 0) i--;
        return i;
    }

    /// <summary>Whether one stderr line reads as a complete message.</summary>
    public static bool IsMessage(string line) => MessageLine().IsMatch(line);
}
