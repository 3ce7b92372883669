using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// One side of a diff ready to boot: its description, its boot options and its boards. When both sides hold the same
/// board list instance (one kernel tree, two profiles) each board's tree is loaded once and booted twice; the kernel
/// model only reads the tree.
/// </summary>
/// <param name="Name"><c>a</c> or <c>b</c>.</param>
public sealed record DiffSide(string Name, DiffSideInfo Info, BootOptions Options, IReadOnlyList<CorpusBoard> Boards);
