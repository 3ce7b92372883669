using System.Text;

namespace ProbeSim.Fuzz.Worker;

/// <summary>
/// Lines a worker writes to its standard error for the parent (prefixed so that anything else there, such as the
/// runtime's own message when it aborts, stays apart). Standard output is left to the inputs (dtc writes blobs there).
/// </summary>
public static class Protocol
{
    public const string Prefix = "@@fuzz ";

    public static string Start(long position, long id) => $"{Prefix}start {position} {id}";

    public static string End(long position, long id, Core.RunVerdict v) =>
        $"{Prefix}end {position} {id} {Core.Outcomes.Name(v.Outcome)} {v.ExitCode} {v.ElapsedMs} {B64(v.Signature)} {B64(v.Detail)}";

    public static string Hang(long id, long cpuMs, long wallMs) => $"{Prefix}hang {id} {cpuMs} {wallMs}";

    public static string Memory(long id, long mb) => $"{Prefix}memory {id} {mb}";

    public const string Done = Prefix + "done";

    public static string B64(string s) => s.Length == 0 ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    public static string Un64(string s) => s == "-" ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(s));
}
