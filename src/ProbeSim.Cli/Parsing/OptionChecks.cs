using System.CommandLine;
using System.CommandLine.Parsing;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Cli.Parsing;

/// <summary>
/// Checks an option's value while the command line is parsed, with the function that reads it later
/// (<c>FaultSpec.Parse</c>, <c>ExplorationOptions.ParseChoices</c>...): what it refuses becomes a parse error naming the
/// option as typed, so a bad value is reported before any board is loaded.
/// </summary>
public static class OptionChecks
{
    /// <summary>Runs <paramref name="check"/> on the value; an <see cref="ArgumentException"/> or <see cref="ProfileException"/> it throws is the error.</summary>
    public static T Checked<T>(this T option, Action<string> check) where T : Option<string?>
    {
        option.Validators.Add(r =>
        {
            foreach (var token in r.Tokens) Run(r, token.Value, check);
        });
        return option;
    }

    /// <summary>The same for a repeatable option: every occurrence is checked.</summary>
    public static Option<string[]> CheckedEach(this Option<string[]> option, Action<string> check)
    {
        option.Validators.Add(r =>
        {
            foreach (var token in r.Tokens) Run(r, token.Value, check);
        });
        return option;
    }

    private static void Run(OptionResult r, string value, Action<string> check)
    {
        try { check(value); }
        catch (Exception e) when (e is ArgumentException or ProfileException)
        {
            r.AddError(Named(OptionNames.Typed(r), r.Option.Name, e.Message));
        }
    }

    /// <summary>The message with the option as typed in front, once (a message may already start with the option's name).</summary>
    internal static string Named(string typed, string name, string message)
    {
        foreach (var head in new[] { name + ": ", name + " " })
            if (message.StartsWith(head, StringComparison.Ordinal)) return typed + message[name.Length..];
        return typed + ": " + message;
    }
}
