using System.Globalization;
using ProbeSim.Reports.Corpus;
using Spectre.Console;
using SpectreText = Spectre.Console.Text;

namespace ProbeSim.Reports.Text;

/// <summary>
/// A corpus boot summary for people: a heading, device states across the corpus, the most frequent defer reasons
/// with their counts, and the boards that failed; plain fixed-width text or coloured Spectre.Console tables.
/// Sections without rows (no deferred devices, no failed boards) are left out.
/// </summary>
public static class CorpusSummaryTable
{
    /// <summary>How many defer reasons are listed unless told otherwise.</summary>
    public const int DefaultTopDeferReasons = 10;

    /// <summary>What an empty defer reason (none recorded) is shown as.</summary>
    public const string NoReason = "(no reason)";

    /// <summary><c>profile v6.6, driver set default</c>.</summary>
    public static string Heading(CorpusBootSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return $"profile {summary.Profile}, driver set {summary.DriverSet}";
    }

    /// <summary><c>120 boards: 117 booted, 3 failed, 45 with deferred devices</c>.</summary>
    public static string BoardLine(CorpusBootSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Boards} {(summary.Boards == 1 ? "board" : "boards")}: {summary.PerBoard.Count} booted, {summary.FailedBoards.Count} failed, {summary.BoardsWithDeferred} with deferred devices");
    }

    /// <summary>Writes the plain rendering: sections separated by one empty line, <c>\n</c> line ends.</summary>
    public static void WritePlain(TextWriter writer, CorpusBootSummary summary, int topDeferReasons = DefaultTopDeferReasons)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(topDeferReasons);

        writer.Write(Heading(summary) + "\n" + BoardLine(summary) + "\n\n");
        var stateRows = StateCounts.Order
            .Select(s => (IReadOnlyList<string>)[DeviceStateWords.Word(s), Number(summary.States[s])])
            .Append(["total", Number(summary.States.Total)]);
        PlainTable.Write(writer, ["STATE", "DEVICES"], stateRows, [ColumnAlign.Left, ColumnAlign.Right]);
        if (summary.DmaOutcomes.Count > 0)
        {
            writer.Write('\n');
            PlainTable.Write(writer, ["DMA", "DEVICES"], summary.DmaOutcomes.Select(r => (IReadOnlyList<string>)[r.Reason, Number(r.Count)]), [ColumnAlign.Left, ColumnAlign.Right]);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{summary.Iommus} IOMMU instances registered, {summary.IommuGroups} IOMMU groups\n"));
        }

        var reasons = summary.DeferReasons.Take(topDeferReasons).ToArray();
        if (reasons.Length > 0)
        {
            writer.Write('\n');
            PlainTable.Write(writer, ["COUNT", "DEFER REASON"],
                reasons.Select(r => (IReadOnlyList<string>)[Number(r.Count), ReasonText(r.Reason)]),
                [ColumnAlign.Right, ColumnAlign.Left]);
            var more = summary.DeferReasons.Count - reasons.Length;
            if (more > 0) writer.Write(string.Create(CultureInfo.InvariantCulture, $"({more} more {(more == 1 ? "reason" : "reasons")})\n"));
        }

        if (summary.FailedBoards.Count > 0)
        {
            writer.Write('\n');
            PlainTable.Write(writer, ["FAILED BOARD", "ERROR"], summary.FailedBoards.Select(f => (IReadOnlyList<string>)[f.Board, f.Error]));
        }
    }

    /// <summary>The plain rendering as one string.</summary>
    public static string FormatPlain(CorpusBootSummary summary, int topDeferReasons = DefaultTopDeferReasons)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WritePlain(writer, summary, topDeferReasons);
        return writer.ToString();
    }

    /// <summary>Writes the coloured rendering: heading, a states table (words in their state colours), reasons and failed boards.</summary>
    public static void Write(IAnsiConsole console, CorpusBootSummary summary, int topDeferReasons = DefaultTopDeferReasons)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(topDeferReasons);

        console.Write(new SpectreText(Heading(summary) + "\n" + BoardLine(summary) + "\n", new Style(decoration: Decoration.Bold)));

        var states = new Table().AddColumn("STATE").AddColumn(new TableColumn("DEVICES").RightAligned());
        foreach (var s in StateCounts.Order)
            states.AddRow(new SpectreText(DeviceStateWords.Word(s), StateStyles.For(s)), new SpectreText(Number(summary.States[s]), StateStyles.For(s)));
        states.AddRow(new SpectreText("total"), new SpectreText(Number(summary.States.Total)));
        console.Write(states);
        if (summary.DmaOutcomes.Count > 0)
        {
            var dma = new Table().AddColumn("DMA").AddColumn(new TableColumn("DEVICES").RightAligned());
            foreach (var r in summary.DmaOutcomes) dma.AddRow(new SpectreText(r.Reason), new SpectreText(Number(r.Count)));
            dma.Caption(string.Create(CultureInfo.InvariantCulture, $"{summary.Iommus} IOMMU instances registered, {summary.IommuGroups} IOMMU groups"));
            console.Write(dma);
        }

        var reasons = summary.DeferReasons.Take(topDeferReasons).ToArray();
        if (reasons.Length > 0)
        {
            var table = new Table().AddColumn(new TableColumn("COUNT").RightAligned()).AddColumn("DEFER REASON");
            foreach (var r in reasons) table.AddRow(new SpectreText(Number(r.Count)), new SpectreText(ReasonText(r.Reason), StateStyles.For(Kernel.Boot.DeviceState.Deferred)));
            var more = summary.DeferReasons.Count - reasons.Length;
            if (more > 0) table.Caption(string.Create(CultureInfo.InvariantCulture, $"{more} more {(more == 1 ? "reason" : "reasons")}"));
            console.Write(table);
        }

        if (summary.FailedBoards.Count > 0)
        {
            var table = new Table().AddColumn("FAILED BOARD").AddColumn("ERROR");
            foreach (var f in summary.FailedBoards) table.AddRow(new SpectreText(f.Board), new SpectreText(f.Error, StateStyles.For(Kernel.Boot.DeviceState.Failed)));
            console.Write(table);
        }
    }

    private static string ReasonText(string reason) => reason.Length == 0 ? NoReason : reason;

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
