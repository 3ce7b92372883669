namespace ProbeSim.Cli;

/// <summary>An exception no command expected: one line on standard error (never a stack trace) and <see cref="ExitCodes.InternalError"/>.</summary>
public static class InternalError
{
    public static int Report(TextWriter stderr, Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
        stderr.WriteLine($"probesim: internal error: {inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}");
        stderr.WriteLine("probesim: this is a bug in ProbeSim; please report it with the command line and input that caused it");
        return ExitCodes.InternalError;
    }
}
