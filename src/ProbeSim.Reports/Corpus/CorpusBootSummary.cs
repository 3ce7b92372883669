using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Corpus;

/// <summary>
/// What a corpus boot run amounts to: per-board state counts, the boards that failed, the states across the corpus
/// and the defer reasons by frequency. Everything is sorted (boards by name, ordinal; reasons by count descending,
/// then ordinal), so the summary does not depend on the order boards finished in.
/// </summary>
public sealed record CorpusBootSummary
{
    /// <summary>The kernel profile all boards booted with.</summary>
    public required string Profile { get; init; }

    /// <summary>The driver-set source of the run.</summary>
    public required string DriverSet { get; init; }

    /// <summary>Booted boards, by name.</summary>
    public IReadOnlyList<BoardCounts> PerBoard { get; init; } = Array.Empty<BoardCounts>();

    /// <summary>Boards without a result, by name.</summary>
    public IReadOnlyList<BoardFailure> FailedBoards { get; init; } = Array.Empty<BoardFailure>();

    /// <summary>Device states summed over the booted boards.</summary>
    public StateCounts States { get; init; }

    /// <summary>Booted boards with at least one device that ended deferred.</summary>
    public int BoardsWithDeferred { get; init; }

    /// <summary>Defer reasons of the deferred devices (a missing reason counts as the empty string), most frequent first.</summary>
    public IReadOnlyList<DeferReasonCount> DeferReasons { get; init; } = Array.Empty<DeferReasonCount>();

    /// <summary>All boards of the run: booted plus failed.</summary>
    public int Boards => PerBoard.Count + FailedBoards.Count;

    /// <summary>Devices per DMA outcome (iommu, identity, direct, no-iommu, blocked, broken, user, not-configured), most first.</summary>
    public IReadOnlyList<DeferReasonCount> DmaOutcomes { get; init; } = Array.Empty<DeferReasonCount>();
    /// <summary>IOMMU groups and registered IOMMU instances over all boards.</summary>
    public int IommuGroups { get; init; }
    public int Iommus { get; init; }

    /// <summary>Summarises a finished run.</summary>
    public static CorpusBootSummary From(string profile, string driverSet, IEnumerable<BootResult> results, IEnumerable<BoardFailure>? failures = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var builder = new CorpusBootSummaryBuilder(profile, driverSet);
        foreach (var r in results) builder.Add(r);
        foreach (var f in failures ?? []) builder.AddFailure(f);
        return builder.Build();
    }
}
