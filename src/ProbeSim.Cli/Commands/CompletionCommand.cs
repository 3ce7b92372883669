using System.CommandLine;
using ProbeSim.Cli.Completion;
using ProbeSim.Cli.Parsing;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim completion SHELL</c>: print the shell completion script (docs/completion.md).</summary>
public static class CompletionCommand
{
    public static Command Create(CliIo io)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh, fish or powershell" };
        shell.CompletionSources.Add([.. CompletionScripts.Shells]);
        shell.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && !CompletionScripts.Shells.Contains(r.Tokens[0].Value))
                r.AddError($"SHELL takes {OptionNames.OneOf([.. CompletionScripts.Shells])}, not '{r.Tokens[0].Value}'");
        });
        var cmd = new Command("completion", "Print a shell completion script (source it from your shell's start-up file)") { shell };
        cmd.SetAction(pr =>
        {
            io.Out.Write(CompletionScripts.For(pr.GetValue(shell)!)!.ReplaceLineEndings("\n"));
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
