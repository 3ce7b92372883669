using System.CommandLine;

namespace ProbeSim.Cli.Parsing;

/// <summary>An option that takes one word of a fixed set (<c>--strategy exhaustive|random|pct</c>); any other is a parse error listing the set. The shell completion offers the set.</summary>
public sealed class WordOption : Option<string?>, IAcceptedValues
{
    /// <param name="words">The words help and errors show (and the completion offers).</param>
    /// <param name="alsoAccepted">Further spellings accepted without being shown (<c>warning</c> for <c>warn</c>).</param>
    public WordOption(string name, IReadOnlyList<string> words, IReadOnlyList<string>? alsoAccepted = null, string[]? aliases = null) : base(name, aliases ?? [])
    {
        Words = words;
        var accepted = words.Concat(alsoAccepted ?? []).ToHashSet(StringComparer.Ordinal);
        CompletionSources.Add([.. words]);
        Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && !accepted.Contains(r.Tokens[0].Value))
                r.AddError($"{OptionNames.Typed(r)} takes {Accepts}, not '{r.Tokens[0].Value}'");
        });
    }

    public IReadOnlyList<string> Words { get; }

    public string Accepts => OptionNames.OneOf(Words);
}
