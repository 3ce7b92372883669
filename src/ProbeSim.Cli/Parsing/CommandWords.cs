using System.CommandLine;
using System.CommandLine.Parsing;

namespace ProbeSim.Cli.Parsing;

/// <summary>What a parse error says about the command it is in: its path, its arguments, the options it knows.</summary>
public static class CommandWords
{
    /// <summary><c>corpus boot</c> (the root command, named after the executable, left out).</summary>
    public static string Path(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c && c.Parent is not null; r = c.Parent) names.Add(c.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }

    /// <summary>The command and the commands above it, innermost first.</summary>
    public static IEnumerable<CommandResult> Chain(CommandResult command)
    {
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent) yield return c;
    }

    /// <summary>The options the command accepts: its own and the recursive ones above it.</summary>
    public static IEnumerable<Option> Options(CommandResult command)
    {
        foreach (var c in Chain(command))
            foreach (var o in c.Command.Options)
                if (ReferenceEquals(c, command) || o.Recursive) yield return o;
    }

    /// <summary>Every name and alias of <see cref="Options"/>.</summary>
    public static IEnumerable<string> OptionNames(CommandResult command) => Options(command).SelectMany(o => o.Aliases.Prepend(o.Name));

    /// <summary>The arguments as the usage line writes them: <c>[BOARD]</c>, <c>BOARD DEVICE</c>, <c>OVERLAY...</c>; "no arguments" when there are none.</summary>
    public static string Usage(Command command)
    {
        if (command.Arguments.Count == 0) return "no arguments";
        return string.Join(" ", command.Arguments.Select(a =>
        {
            var many = a.Arity.MaximumNumberOfValues > 1 ? "..." : "";
            return a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}{many}]" : a.Name + many;
        }));
    }

    /// <summary>A description as the tail of a message: "Board .dts or .dtb" becomes "board .dts or .dtb" (but "DT path" stays).</summary>
    public static string Describe(Symbol symbol)
    {
        if (symbol is IAcceptedValues a) return a.Accepts;
        var d = (symbol.Description ?? "").ReplaceLineEndings(" ").Trim();
        return d.Length > 1 && char.IsUpper(d[0]) && char.IsLower(d[1]) ? char.ToLowerInvariant(d[0]) + d[1..] : d;
    }
}
