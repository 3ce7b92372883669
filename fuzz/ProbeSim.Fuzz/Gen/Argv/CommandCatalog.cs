using System.CommandLine;
using System.CommandLine.Completions;
using ProbeSim.Cli;

namespace ProbeSim.Fuzz.Gen.Argv;

/// <summary>One option of a command as the parser knows it.</summary>
public sealed record OptionInfo(string Name, IReadOnlyList<string> Aliases, bool IsFlag, bool Many, IReadOnlyList<string> Values);

/// <summary>One positional argument.</summary>
public sealed record ArgumentInfo(string Name, int Min, int Max);

/// <summary>A command reachable from the root: the words that name it, its options and arguments.</summary>
public sealed record CommandInfo(IReadOnlyList<string> Path, IReadOnlyList<OptionInfo> Options, IReadOnlyList<ArgumentInfo> Arguments)
{
    public string Name => Path.Count == 0 ? "(root)" : string.Join(' ', Path);
}

/// <summary>The CLI's command tree, read from <see cref="ProbeSim.Cli.Program.CreateRoot"/> itself so the argument fuzzer knows every real option.</summary>
public static class CommandCatalog
{
    public static IReadOnlyList<CommandInfo> Read()
    {
        var root = ProbeSim.Cli.Program.CreateRoot(new CliIo(TextWriter.Null, TextWriter.Null), new GlobalOptions());
        var result = new List<CommandInfo>();
        void Walk(Command cmd, List<string> path, List<Option> inherited)
        {
            var options = cmd.Options.Concat(inherited.Where(o => !cmd.Options.Contains(o))).Select(Describe).ToList();
            var arguments = cmd.Arguments.Select(a => new ArgumentInfo(a.Name, a.Arity.MinimumNumberOfValues, Math.Min(a.Arity.MaximumNumberOfValues, 4))).ToList();
            result.Add(new CommandInfo(path.ToList(), options, arguments));
            var recursive = inherited.Concat(cmd.Options.Where(o => o.Recursive)).ToList();
            foreach (var sub in cmd.Subcommands)
                Walk(sub, [.. path, sub.Name], recursive);
        }
        Walk(root, [], []);
        return result;
    }

    private static OptionInfo Describe(Option o)
    {
        var values = o.GetCompletions(CompletionContext.Empty).Select(c => c.Label).Where(l => !l.StartsWith('-')).ToList();
        bool flag = o.ValueType == typeof(bool);
        bool many = o.Arity.MaximumNumberOfValues > 1;
        return new OptionInfo(o.Name, o.Aliases.ToList(), flag, many, values);
    }
}
