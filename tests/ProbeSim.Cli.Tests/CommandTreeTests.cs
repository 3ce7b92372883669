using System.CommandLine;

namespace ProbeSim.Cli.Tests;

/// <summary>The shape of the command tree: what help shows must be what the parser can reach.</summary>
public class CommandTreeTests
{
    [Fact]
    public void No_command_has_two_options_with_the_same_name_or_alias()
    {
        var io = new CliIo(TextWriter.Null, TextWriter.Null);
        var root = Program.CreateRoot(io, new GlobalOptions());
        var clashes = new List<string>();
        Walk(root, [], clashes, "probesim");
        Assert.Empty(clashes);
    }

    private static void Walk(Command cmd, IReadOnlyList<Option> inherited, List<string> clashes, string path)
    {
        var seen = new Dictionary<string, Option>();
        foreach (var o in inherited.Concat(cmd.Options))
            foreach (var name in o.Aliases.Prepend(o.Name))
                if (seen.TryGetValue(name, out var other) && !ReferenceEquals(other, o)) clashes.Add($"{path}: {name}");
                else seen[name] = o;
        var passed = inherited.Concat(cmd.Options.Where(o => o.Recursive)).ToList();
        foreach (var sub in cmd.Subcommands) Walk(sub, passed, clashes, $"{path} {sub.Name}");
    }
}
