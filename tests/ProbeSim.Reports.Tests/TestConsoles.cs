using Spectre.Console;

namespace ProbeSim.Reports.Tests;

/// <summary>Spectre consoles over a StringWriter (0.49.1 has no TestConsole without Spectre.Console.Testing).</summary>
public static class TestConsoles
{
    /// <summary>A console of fixed width that writes into <paramref name="writer"/>, with or without ANSI colours.</summary>
    public static IAnsiConsole Create(StringWriter writer, bool colour, int width = 200)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = width;
        return console;
    }
}
