namespace ProbeSim.Cli;

/// <summary>
/// Running out of memory or stack ends as one line and <see cref="ExitCodes.InternalError"/>, never an abort: every input
/// is bounded (docs/device-tree.md, "Limits"), so either the machine is smaller than those limits need or a bound is
/// missing, which is a bug to report.
/// </summary>
public static class ResourceExhausted
{
    /// <summary>True for running out of memory or stack, also inside the <see cref="AggregateException"/> of parallel work.</summary>
    public static bool Is(Exception e) => Find(e) is not null;

    private static Exception? Find(Exception e) => e switch
    {
        OutOfMemoryException or InsufficientExecutionStackException => e,
        AggregateException a => a.Flatten().InnerExceptions.FirstOrDefault(x => x is OutOfMemoryException or InsufficientExecutionStackException),
        _ => null,
    };

    public static int Report(TextWriter stderr, Exception e, IReadOnlyList<string> args)
    {
        e = Find(e) ?? e;
        var what = e is OutOfMemoryException ? "out of memory" : "out of stack space (input nested too deeply)";
        var command = args.FirstOrDefault(a => !a.StartsWith('-')) is { } c ? $"probesim {c}" : "probesim";
        try
        {
            stderr.WriteLine($"probesim: {what} while running '{command}'; if the machine has enough memory for the limits in docs/device-tree.md, this is a bug: please report it");
        }
        catch (OutOfMemoryException)
        {
            // nothing more can be said
        }
        return ExitCodes.InternalError;
    }
}
