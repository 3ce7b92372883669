using System.CommandLine.Parsing;

namespace ProbeSim.Cli.Parsing;

/// <summary>How a message names an option: as the user wrote it (<c>-j</c> or <c>--jobs</c>).</summary>
public static class OptionNames
{
    public static string Typed(SymbolResult? result) => result switch
    {
        OptionResult o => o.IdentifierToken?.Value ?? o.Option.Name,
        ArgumentResult { Parent: OptionResult o } => Typed(o),
        ArgumentResult a => a.Argument.Name,
        _ => "",
    };

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Join("", words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
