using System.Collections.Concurrent;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Boot;

/// <summary>
/// What every kernel made from one <see cref="PreparedBoot"/> derives alike from its immutable inputs (the tree, the
/// profile, the driver set, the command line), computed once and shared: the phandle index, each node's resource
/// references and fw_devlink supplier properties, and the registration groups of each initcall level. A schedule
/// explorer boots one board thousands of times; kernel state never lives here. Safe to share between threads.
/// </summary>
public sealed class BootTables
{
    private readonly DtTree _tree;
    private readonly ProbeSim.Kernel.Profiles.KernelProfile _profile;
    private readonly string _cmdline;
    private readonly ConcurrentDictionary<DtNode, IReadOnlyList<OfResourceRef>> _resources;
    private readonly ConcurrentDictionary<DtNode, IReadOnlyList<OfSupplierRef>> _suppliers;
    private readonly ConcurrentDictionary<(InitcallLevel Level, bool Banks), int[][]> _groups = new();

    /// <summary>Tables for kernels booting <paramref name="tree"/> (which must not change while they run) under one profile and command line.</summary>
    public BootTables(DtTree tree, ProbeSim.Kernel.Profiles.KernelProfile profile, string cmdline)
    {
        _tree = tree;
        _profile = profile;
        _cmdline = cmdline;
        Index = tree.BuildIndex();
        // sized for every node at once: growing a concurrent dictionary takes all its locks (2% of a corpus boot from source)
        _resources = new(Environment.ProcessorCount, Index.NodeCount, ReferenceEqualityComparer.Instance);
        _suppliers = new(Environment.ProcessorCount, Index.NodeCount, ReferenceEqualityComparer.Instance);
    }

    /// <summary>Nodes in the tree (a kernel sizes its per-node tables with it).</summary>
    internal int NodeCount => Index.NodeCount;

    internal DeviceTreeIndex Index { get; }

    /// <summary>Whether a kernel with these inputs may use the tables (anything else is a caller's error).</summary>
    /// <summary>The command line the tables were made for (a fork's kernel is made with it).</summary>
    internal string Cmdline => _cmdline;

    internal bool IsFor(DtTree tree, ProbeSim.Kernel.Profiles.KernelProfile profile, string cmdline) =>
        ReferenceEquals(tree, _tree) && ReferenceEquals(profile, _profile) && cmdline == _cmdline;

    private sealed record DriverOrderEntry(DriverSet Set, DriverSpec[] Order);

    private DriverOrderEntry? _driverOrder;

    /// <summary>The driver specs in registration order (the set's own, simple-pm-bus and the implicit PCI/VFIO drivers), once known for this driver set.</summary>
    internal IReadOnlyList<DriverSpec>? DriverOrder(DriverSet set) =>
        Volatile.Read(ref _driverOrder) is { } o && ReferenceEquals(o.Set, set) ? o.Order : null;

    internal void KeepDriverOrder(DriverSet set, DriverSpec[] order) =>
        Interlocked.CompareExchange(ref _driverOrder, new DriverOrderEntry(set, order), null);

    private sealed record DriverFactsEntry(DriverSet Set, DriverFacts Facts);

    private DriverFactsEntry? _driverFacts;

    /// <summary>What a kernel's driver list (in registration order) allows it to skip, the same for every kernel of this board.</summary>
    internal DriverFacts FactsOf(DriverSet set, IReadOnlyList<ProbeSim.Kernel.DriverCore.Driver> order)
    {
        if (Volatile.Read(ref _driverFacts) is { } e && ReferenceEquals(e.Set, set) && e.Facts.BoardCompatible.Length == order.Count) return e.Facts;
        // of_compat_cmp is strcasecmp
        var onBoard = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in _tree.AllNodes)
            foreach (var c in node.Compatible) onBoard.Add(c);
        var compatible = new bool[order.Count];
        for (int i = 0; i < order.Count; i++)
            foreach (var c in order[i].Spec.Compatibles)
                if (onBoard.Contains(c)) { compatible[i] = true; break; }
        var facts = new DriverFacts(compatible);
        Interlocked.CompareExchange(ref _driverFacts, new DriverFactsEntry(set, facts), null);
        return facts;
    }

    /// <summary>The resource references of a node (they depend on the tree alone).</summary>
    internal IReadOnlyList<OfResourceRef> Resources(DtNode node) => _resources.GetOrAdd(node, static (n, index) => OfResources.Collect(n, index), Index);

    /// <summary>The fw_devlink supplier properties of a node; <paramref name="parse"/> runs once per node.</summary>
    internal IReadOnlyList<OfSupplierRef> Suppliers(DtNode node, Func<DtNode, IReadOnlyList<OfSupplierRef>> parse) => _suppliers.GetOrAdd(node, parse);

    /// <summary>
    /// The groups of drivers that depend on each other among a level's built-in drivers, as positions in that level's
    /// list; <paramref name="compute"/> runs once per level (and per context-bank limit, which changes what contends).
    /// </summary>
    internal int[][] RegistrationGroups(InitcallLevel level, bool limitsBanks, Func<int[][]> compute) =>
        _groups.GetOrAdd((level, limitsBanks), static (_, c) => c(), compute);
}

/// <summary>
/// Per driver, by its index in the kernel's driver list: whether its OF table names a compatible some node of the tree
/// has. A driver without one matches no device by compatible on any kernel of this board (the devices' nodes are the tree's).
/// </summary>
internal sealed record DriverFacts(bool[] BoardCompatible);
