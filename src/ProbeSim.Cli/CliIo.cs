using ProbeSim.DeviceTree.Model;
using Spectre.Console;

namespace ProbeSim.Cli;

/// <summary>
/// Where a command writes, how much it says (<see cref="Verbosity"/>, set from <c>--quiet</c>/<c>--verbose</c> once
/// the command line is parsed), whether it may use colour and progress bars, and how it reports problems in the
/// compiler's style (<c>file:line:col: error: ...</c>).
/// </summary>
public sealed class CliIo
{
    public CliIo(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Err = stderr;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }

    /// <summary>Set by <see cref="Program.Run"/> from the parsed global options, before the command runs.</summary>
    public Verbosity Verbosity { get; internal set; } = Verbosity.Normal;

    public bool Quiet => Verbosity == Verbosity.Quiet;
    public bool IsVerbose => Verbosity == Verbosity.Verbose;

    /// <summary>True when standard output is a terminal the user looks at (tables and trees drawn by Spectre.Console, progress bars).</summary>
    public bool Interactive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>Colour only on a terminal, and never when <c>NO_COLOR</c> is set to anything (https://no-color.org).</summary>
    public bool Colour => Interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Progress bars only on a terminal and not with <c>--quiet</c>.</summary>
    public bool ShowProgress => Interactive && !Quiet;

    /// <summary>A Spectre.Console console over <see cref="Out"/>, with colours when <see cref="Colour"/>.</summary>
    public IAnsiConsole CreateConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Out),
        Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
    });

    /// <summary>
    /// Writes bytes (a blob for <c>-o -</c>) to standard output: the process's own stream when <see cref="Out"/> is the
    /// console or a stream writer, else one char per byte (ISO-8859-1), so an in-process caller sees the same bytes.
    /// </summary>
    public void WriteBinary(byte[] bytes)
    {
        Out.Flush();
        if (ReferenceEquals(Out, Console.Out))
        {
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(bytes);
        }
        else if (Out is StreamWriter { BaseStream: var stream })
        {
            stream.Write(bytes);
            stream.Flush();
        }
        else Out.Write(System.Text.Encoding.Latin1.GetString(bytes));
    }

    /// <summary>Writes <c>probesim: MESSAGE</c> to standard error with <c>--verbose</c>.</summary>
    public void Verbose(string message)
    {
        if (IsVerbose) Err.WriteLine("probesim: " + OneLine.Of(message));
    }

    public void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Err.WriteLine(OneLine.Of(d.ToString()));
    }

    /// <summary>Reports warnings unless <c>--quiet</c> (errors are reported always).</summary>
    public void ReportWarnings(IEnumerable<Diagnostic> diagnostics)
    {
        if (!Quiet) Report(diagnostics);
    }

    public int Fail(DeviceTreeException e)
    {
        Report(e.Diagnostics);
        return ExitCodes.InputErrors;
    }

    /// <summary>An input file with errors (message already in file:line:col form).</summary>
    public int InputError(string message)
    {
        Err.WriteLine(OneLine.Of(message));
        return ExitCodes.InputErrors;
    }

    public int IoError(string message)
    {
        Err.WriteLine("probesim: " + OneLine.Of(message));
        return ExitCodes.UsageOrIo;
    }
}
