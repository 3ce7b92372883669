using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Cli;

/// <summary>Where a command writes, and how it reports problems in the compiler's style (<c>file:line:col: error: ...</c>).</summary>
public sealed class CliIo
{
    public CliIo(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Err = stderr;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }

    /// <summary>True when standard output is a terminal the user looks at (colour, progress bars).</summary>
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Err.WriteLine(d.ToString());
    }

    public int Fail(DeviceTreeException e)
    {
        Report(e.Diagnostics);
        return ExitCodes.InputErrors;
    }

    /// <summary>An input file with errors (message already in file:line:col form).</summary>
    public int InputError(string message)
    {
        Err.WriteLine(message);
        return ExitCodes.InputErrors;
    }

    public int IoError(string message)
    {
        Err.WriteLine("probesim: " + message);
        return ExitCodes.UsageOrIo;
    }
}
