using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Tests;

/// <summary>A note of no kind the model makes, whose words are the given text: the reports' handling of any words
/// (escaping, line breaks, widths) is tested with it.</summary>
internal sealed record TextNote(string Text) : OutcomeNote
{
    public override string ToString() => Text;
}
