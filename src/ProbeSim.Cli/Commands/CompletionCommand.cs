using System.CommandLine;
using ProbeSim.Cli.Completion;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim completion SHELL</c>: print the shell completion script (docs/completion.md).</summary>
public static class CompletionCommand
{
    public static Command Create(CliIo io)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh, fish or powershell" };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var cmd = new Command("completion", "Print a shell completion script (source it from your shell's start-up file)") { shell };
        cmd.SetAction(pr =>
        {
            io.Out.Write(CompletionScripts.For(pr.GetValue(shell)!)!.ReplaceLineEndings("\n"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
