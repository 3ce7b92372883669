using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace ProbeSim.Cli.Parsing;

/// <summary>
/// Turns what is wrong with a command line into one line naming the option (or argument, or command) and what it
/// accepts, followed by <c>see 'probesim COMMAND --help'</c>: never System.CommandLine's messages and the whole help.
/// What the user wrote wrong comes before what is missing: an unknown option or command, or a word too many, first;
/// then a bad option value; then a bad argument; then a missing option, argument or command.
/// </summary>
public static class ParseErrorReport
{
    /// <summary>The first problem of the command line, or null when it is fine or asks for help, the version or completions.</summary>
    public static string? Find(ParseResult parsed, IReadOnlyList<string> args)
    {
        bool runs = parsed.Action is not null && ReferenceEquals(parsed.Action, parsed.CommandResult.Command.Action);
        if (parsed.Action is not ParseErrorAction && !runs) return null;
        return SwitchWithValue(parsed, args) ?? UnknownWord(parsed) ?? OptionValue(parsed) ?? BadArgument(parsed) ?? Missing(parsed)
            ?? parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ")).FirstOrDefault();
    }

    /// <summary>Writes <c>probesim: COMMAND: MESSAGE</c> and the help hint to <paramref name="err"/>; the usage error status.</summary>
    public static int Write(TextWriter err, ParseResult parsed, string message)
    {
        var path = CommandWords.Path(parsed.CommandResult);
        err.WriteLine("probesim: " + (path.Length > 0 ? path + ": " : "") + OneLine.Of(message));
        err.WriteLine($"see 'probesim {(path.Length > 0 ? path + " " : "")}--help'");
        return ExitCodes.UsageOrIo;
    }

    // --log=maybe: System.CommandLine splits it, finds no true/false and hands "maybe" to the command as its BOARD
    private static string? SwitchWithValue(ParseResult parsed, IReadOnlyList<string> args)
    {
        var switches = CommandWords.Options(parsed.CommandResult).Where(o => o.ValueType == typeof(bool))
            .SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var arg in args.TakeWhile(a => a != "--"))
        {
            int cut = arg.IndexOfAny(['=', ':']);
            if (cut <= 0 || arg[0] != '-' || !switches.Contains(arg[..cut])) continue;
            var value = arg[(cut + 1)..];
            if (!bool.TryParse(value, out _)) return $"{arg[..cut]} takes no value, not '{value}'";
        }
        return null;
    }

    // a word no option or argument took, or an argument that looks like an option (--budgit 5 makes --budgit the BOARD)
    private static string? UnknownWord(ParseResult parsed)
    {
        var held = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var commandArguments = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        foreach (var r in All(parsed.RootCommandResult))
        {
            foreach (var t in r.Tokens) held.Add(t);
            if (r is ArgumentResult { Parent: CommandResult }) foreach (var t in r.Tokens) commandArguments.Add(t);
        }
        var unmatched = parsed.UnmatchedTokens.ToList();
        bool afterDoubleDash = false;
        foreach (var t in parsed.Tokens)
        {
            if (t.Type == TokenType.DoubleDash) afterDoubleDash = true;
            if (t.Type != TokenType.Argument) continue;
            bool dashed = !afterDoubleDash && t.Value.Length > 1 && t.Value[0] == '-';
            if (dashed && commandArguments.Contains(t)) return UnknownOption(parsed.CommandResult, t.Value);
            if (held.Contains(t) || !unmatched.Remove(t.Value)) continue;
            if (dashed) return UnknownOption(parsed.CommandResult, t.Value);
            var cmd = parsed.CommandResult.Command;
            if (cmd.Arguments.Count == 0 && cmd.Subcommands.Count > 0)
            {
                var names = cmd.Subcommands.Select(s => s.Name).ToList();
                return $"unknown command '{t.Value}'" + (Suggestion.Closest(t.Value, names) is { } s ? $" (did you mean {s}?)" : $" (commands: {string.Join(", ", names)})");
            }
            return $"too many arguments: '{t.Value}' ({cmd.Name} takes {CommandWords.Usage(cmd)})";
        }
        return null;
    }

    private static string UnknownOption(CommandResult command, string typed)
    {
        int eq = typed.IndexOf('=');
        var name = eq > 0 ? typed[..eq] : typed;
        var guess = Suggestion.Closest(name, CommandWords.OptionNames(command));
        return $"unknown option '{name}'" + (guess is null ? "" : $" (did you mean {guess}?)");
    }

    private static string? OptionValue(ParseResult parsed)
    {
        var optionNames = CommandWords.OptionNames(parsed.CommandResult).ToHashSet(StringComparer.Ordinal);
        int doubleDash = IndexOf(parsed.Tokens, t => t.Type == TokenType.DoubleDash);
        foreach (var o in All(parsed.RootCommandResult).OfType<OptionResult>())
        {
            if (o.Implicit || o.Option.ValueType == typeof(bool)) continue;
            // getopt's rule (an option's value is the next word, whatever it is) would make --json --html x.html write the JSON to "--html"
            foreach (var t in o.Tokens)
                if (optionNames.Contains(t.Value) && (doubleDash < 0 || IndexOf(parsed.Tokens, x => ReferenceEquals(x, t)) < doubleDash))
                    return $"{OptionNames.Typed(o)} needs a value: {CommandWords.Describe(o.Option)} ('{t.Value}' is an option)";
        }
        foreach (var e in parsed.Errors)
        {
            var o = e.SymbolResult as OptionResult ?? (e.SymbolResult as ArgumentResult)?.Parent as OptionResult;
            if (o is null || o.Implicit) continue;
            var typed = OptionNames.Typed(o);
            if (o.Tokens.Count == 0) return $"{typed} needs a value: {CommandWords.Describe(o.Option)}";
            if (o.Tokens.Count > o.Option.Arity.MaximumNumberOfValues)
                return $"{typed} is given more than once ({string.Join(", ", o.Tokens.Select(t => $"'{t.Value}'"))}): give it once";
            if (o.Option.ValueType == typeof(bool)) return $"{typed} takes no value, not '{o.Tokens[0].Value}'";
            return e.Message.ReplaceLineEndings(" ");
        }
        return null;
    }

    private static string? BadArgument(ParseResult parsed) => parsed.Errors
        .Where(e => e.SymbolResult is ArgumentResult { Parent: CommandResult } a && a.Tokens.Count >= a.Argument.Arity.MinimumNumberOfValues)
        .Select(e => e.Message.ReplaceLineEndings(" ")).FirstOrDefault();

    private static string? Missing(ParseResult parsed)
    {
        foreach (var e in parsed.Errors)
        {
            switch (e.SymbolResult)
            {
                case OptionResult { Implicit: true } o:
                    return $"{o.Option.Name} is required: {CommandWords.Describe(o.Option)}";
                case ArgumentResult { Parent: CommandResult } a when a.Tokens.Count < a.Argument.Arity.MinimumNumberOfValues:
                    return $"missing {a.Argument.Name}: {CommandWords.Describe(a.Argument)}";
                case CommandResult c when ReferenceEquals(c, parsed.CommandResult) && c.Command.Subcommands.Count > 0 && c.Command.Action is null:
                    return "missing command: " + OptionNames.OneOf(c.Command.Subcommands.Select(s => s.Name).ToList());
            }
        }
        return null;
    }

    private static IEnumerable<SymbolResult> All(CommandResult command)
    {
        yield return command;
        foreach (var child in command.Children)
        {
            if (child is CommandResult sub)
                foreach (var r in All(sub)) yield return r;
            else yield return child;
        }
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Func<Token, bool> match)
    {
        for (int i = 0; i < tokens.Count; i++) if (match(tokens[i])) return i;
        return -1;
    }
}
