using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Corpus;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Preprocessor;

namespace ProbeSim.Kernel.Boot;

/// <summary>One board of a corpus: its name and how to get its tree.</summary>
public sealed record CorpusBoard(string Name, Func<DtTree> Load);

/// <summary>A board that could not be read or booted.</summary>
public sealed record CorpusBootFailure(string Board, string Error);

/// <summary>Boots many boards in parallel; each boot is its own Kernel.</summary>
public static class CorpusBoot
{
    /// <summary>The boards of a kernel tree (ROOT/src/ARCH, overlays excluded), compiled in process.</summary>
    public static IReadOnlyList<CorpusBoard> FromKernelTree(string root, string arch)
    {
        var cache = new SourceFileCache();
        return KernelDtsTree.Boards(root, arch, includeOverlays: false)
            .Select(b => new CorpusBoard(b.RelativePath, () => new DeviceTreeLoader(cache).Load(b.Path, KernelDtsTree.LoadOptionsFor(root, b)).Tree))
            .ToList();
    }

    /// <summary>The .dtb files under a directory (recursively), in path order.</summary>
    public static IReadOnlyList<CorpusBoard> FromDtbDirectory(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: No such directory");
        return Directory.EnumerateFiles(dir, "*.dtb", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(rel => new CorpusBoard(rel, () => FdtReader.Read(ProbeSim.DeviceTree.Files.InputFiles.ReadAllBytes(Path.Combine(dir, rel)), rel)))
            .ToList();
    }

    /// <summary>
    /// Boots every board on <paramref name="jobs"/> threads. <paramref name="onResult"/> and <paramref name="onFailure"/> are
    /// called as boards finish (from worker threads; callers synchronise).
    /// </summary>
    public static void Run(IReadOnlyList<CorpusBoard> boards, BootOptions options, int jobs,
        Action<CorpusBoard, BootResult> onResult, Action<CorpusBoard, CorpusBootFailure> onFailure)
    {
        // the driver set source is resolved per board but loaded once (KernelDriverTables shares its tables)
        Parallel.ForEach(boards, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, board =>
        {
            DtTree tree;
            try
            {
                tree = board.Load();
            }
            catch (DeviceTreeException e)
            {
                onFailure(board, new CorpusBootFailure(board.Name, string.Join("; ", e.Diagnostics.Select(d => d.ToString()))));
                return;
            }
            BootResult result;
            try
            {
                result = options.Boot(tree, board.Name);
            }
            catch (Exception e) when (e is Drivers.ScenarioException or Pci.PciTopologyException)
            {
                // the scenario or PCI hierarchy does not fit this board (a node, device or host bridge it lacks)
                onFailure(board, new CorpusBootFailure(board.Name, e.Message));
                return;
            }
            onResult(board, result);
        });
    }
}
