using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.DeviceTree.Corpus;

/// <summary>The outcome for one board: its blob (when it built) or the diagnostics that stopped it.</summary>
public sealed record BoardBuildResult(BoardSource Board, byte[]? Blob, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Blob is not null;
}

/// <summary>Builds every board of a kernel tree in parallel, sharing the parsed headers between boards.</summary>
public sealed class CorpusBuilder
{
    private readonly string _root;
    private readonly SourceFileCache _cache = new();

    public CorpusBuilder(string root) => _root = root;

    public BoardBuildResult Build(BoardSource board)
    {
        try
        {
            var loader = new DeviceTreeLoader(_cache);
            var result = loader.Load(board.Path, KernelDtsTree.LoadOptionsFor(_root, board));
            return new BoardBuildResult(board, FdtWriter.Write(result.Tree), result.Warnings);
        }
        catch (DeviceTreeException e)
        {
            return new BoardBuildResult(board, null, e.Diagnostics);
        }
    }

    /// <summary>Builds all <paramref name="boards"/> on <paramref name="jobs"/> threads; results come back in board order.</summary>
    /// <param name="consume">Sees each blob as soon as it is built; the returned results then carry an empty blob
    /// for a success (so a whole corpus is never held in memory) and null for a failure.</param>
    public IReadOnlyList<BoardBuildResult> BuildAll(IReadOnlyList<BoardSource> boards, int jobs, Action<BoardBuildResult>? onDone = null, Action<BoardBuildResult>? consume = null)
    {
        var results = new BoardBuildResult[boards.Count];
        Parallel.For(0, boards.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
        {
            var r = Build(boards[i]);
            consume?.Invoke(r);
            results[i] = consume is null ? r : r with { Blob = r.Blob is null ? null : Array.Empty<byte>() };
            onDone?.Invoke(r);
        });
        return results;
    }
}
