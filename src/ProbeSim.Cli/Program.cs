using System.CommandLine;
using ProbeSim.Cli.Commands;
using ProbeSim.Cli.Parsing;

namespace ProbeSim.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliIo(stdout, stderr);
        var globals = new GlobalOptions();
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            if (Parsing.DirectiveCheck.Repeated(args) is { } directive)
                return io.IoError($"the directive [{OneLine.Of(directive)}] is given more than once");
            var root = CreateRoot(io, globals);
            // no response files: "@name" is a word like any other (System.CommandLine would read the file, and fail on "@.")
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            // one line naming the option and what it takes, then where to read more: never System.CommandLine's messages and the help
            if (ParseErrorReport.Find(parsed, args) is { } problem) return ParseErrorReport.Write(stderr, parsed, problem);
            if (parsed.Errors.Count == 0 && globals.Conflict(parsed)) return io.IoError("--quiet and --verbose cannot be used together");
            io.Verbosity = globals.Of(parsed);
            return parsed.Invoke(config);
        }
        catch (Exception e) when (ResourceExhausted.Is(e))
        {
            return ResourceExhausted.Report(stderr, e, args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return InternalError.Report(stderr, e);
        }
    }

    /// <summary>The whole command tree, writing through <paramref name="io"/>.</summary>
    public static RootCommand CreateRoot(CliIo io, GlobalOptions globals)
    {
        var root = new RootCommand("ProbeSim: predicts, explains and checks what Linux does when it brings devices up.");
        // the suggest directive drops the first word of the line to complete when it names the root command,
        // whose name is the executable's (testhost when run in process)
        if (root.Name != "probesim") root.Aliases.Add("probesim");
        globals.AddTo(root);
        foreach (var v in root.Options.OfType<VersionOption>()) v.Action = new VersionAction();
        root.Subcommands.Add(DtcCommand.Create(io));
        root.Subcommands.Add(FdtOverlayCommand.Create(io));
        root.Subcommands.Add(CorpusCommand.Create(io));
        root.Subcommands.Add(BootCommand.Create(io));
        root.Subcommands.Add(ProfilesCommand.Create(io));
        root.Subcommands.Add(ExplainCommand.Create(io));
        root.Subcommands.Add(VfioCommand.Create(io));
        root.Subcommands.Add(CheckCommand.Create(io));
        root.Subcommands.Add(InvariantsCommand.Create(io));
        root.Subcommands.Add(CompletionCommand.Create(io));
        root.Subcommands.Add(DiffCommand.Create(io));
        root.Subcommands.Add(KernelCommand.Create(io));
        return root;
    }
}
