using System.CommandLine;
using ProbeSim.Cli.Commands;

namespace ProbeSim.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("ProbeSim: predicts, explains and checks what Linux does when it brings devices up.");
        var io = new CliIo(stdout, stderr);
        root.Subcommands.Add(DtcCommand.Create(io));
        root.Subcommands.Add(FdtOverlayCommand.Create(io));
        root.Subcommands.Add(CorpusCommand.Create(io));
        root.Subcommands.Add(BootCommand.Create(io));
        root.Subcommands.Add(ProfilesCommand.Create(io));
        root.Subcommands.Add(ExplainCommand.Create(io));
        root.Subcommands.Add(CheckCommand.Create(io));
        root.Subcommands.Add(InvariantsCommand.Create(io));
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(config);
    }
}
