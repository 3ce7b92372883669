using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Dma;
using ProbeSim.Reports.Reasons;

namespace ProbeSim.Kernel.Tests;

/// <summary>A result's typed notes in the reports' default words (the tests compare the words the kernel's behaviour gives).</summary>
internal static class NoteWords
{
    public static string? Text(this OutcomeNote? note) => note is null ? null : ReasonWords.Default.OutcomeNote(note);
    public static string? Text(this DmaNote? note) => note is null ? null : ReasonWords.Default.DmaNote(note);
}
