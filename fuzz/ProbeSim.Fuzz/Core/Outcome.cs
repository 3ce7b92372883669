namespace ProbeSim.Fuzz.Core;

/// <summary>How one input ended. Everything but <see cref="Ok"/> is a failure the harness reports.</summary>
public enum Outcome
{
    /// <summary>Success or a clean error: exit 0-3, every stderr line one message, inputs unchanged.</summary>
    Ok,
    /// <summary>Exit 70 or "internal error" on standard error.</summary>
    InternalError,
    /// <summary>An exception escaped Program.Run (the real CLI would die with it).</summary>
    Exception,
    /// <summary>An exit status outside 0-3.</summary>
    BadExit,
    /// <summary>A file the run reads was changed or removed.</summary>
    InputModified,
    /// <summary>Exit 1 or 2 with nothing on standard error.</summary>
    SilentError,
    /// <summary>A line on standard error that is not one complete message (a message over several lines, a help text).</summary>
    Unformatted,
    /// <summary>More than the time limit for one input.</summary>
    Hang,
    /// <summary>The worker process died (abort, stack overflow, signal).</summary>
    Crash,
    /// <summary>Out of memory, or a peak resident set above the limit.</summary>
    Memory,
}

public static class Outcomes
{
    public static string Name(Outcome o) => o switch
    {
        Outcome.Ok => "ok",
        Outcome.InternalError => "internal-error",
        Outcome.Exception => "exception",
        Outcome.BadExit => "bad-exit",
        Outcome.InputModified => "input-modified",
        Outcome.SilentError => "silent-error",
        Outcome.Unformatted => "unformatted-message",
        Outcome.Hang => "hang",
        Outcome.Crash => "crash",
        Outcome.Memory => "memory",
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    public static Outcome Parse(string name) =>
        Enum.GetValues<Outcome>().First(o => Name(o) == name);
}

/// <summary>The verdict on one input: outcome, exit status, and for a failure the line that shows it and its group key.</summary>
public sealed record RunVerdict(Outcome Outcome, int ExitCode, long ElapsedMs, string Signature = "", string Detail = "")
{
    public bool Failed => Outcome != Outcome.Ok;
}
