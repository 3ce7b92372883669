namespace ProbeSim.Cli.Parsing;

/// <summary>An option that can say in a few words which values it takes, for the one-line parse errors (<see cref="ParseErrorReport"/>).</summary>
public interface IAcceptedValues
{
    /// <summary>The accepted values, e.g. <c>a whole number from 1 to 2147483647</c> or <c>exhaustive, random or pct</c>.</summary>
    string Accepts { get; }
}
