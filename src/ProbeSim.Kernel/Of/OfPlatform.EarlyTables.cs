using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Of;

// The early OF tables (of_clk_init, of_irq_init, timer_probe) and OF_POPULATED
internal sealed partial class OfPlatform
{
    private readonly Dictionary<DtNode, EarlyEntry> _early = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<DtNode> _ofPopulated = new(ReferenceEqualityComparer.Instance);
    private (int Count, ulong Sum) _ofPopulatedDigest;

    private static readonly DigestFields EarlyTablesFields = new(typeof(OfPlatform),
        [nameof(_ofPopulated)],
        (nameof(_early), "filled by the early OF tables before the first initcall, from the tree and the driver set alone"),
        (nameof(_ofPopulatedDigest), "a cache of _ofPopulated's digest, by its count (the set only grows)"));

    /// <summary>OF_POPULATED: the nodes that have their device or were set up early (a set: unordered).</summary>
    private void DigestOfPopulated(ref StateDigest d)
    {
        if (_ofPopulatedDigest.Count != _ofPopulated.Count)
        {
            ulong sum = 0;
            foreach (var node in _ofPopulated)
            {
                var e = new StateDigest();
                e.Add(node);
                sum += e.Value;
            }
            _ofPopulatedDigest = (_ofPopulated.Count, sum);
        }
        d.Add(_ofPopulatedDigest.Count);
        d.Add(_ofPopulatedDigest.Sum);
    }

    /// <summary>The early table entry that set this node up, if any.</summary>
    internal EarlyEntry? EarlyEntryOf(DtNode node) => _early.GetValueOrDefault(node);

    // of_clk_init / of_irq_init / timer_probe: scan the early OF tables before any initcall
    internal void RunEarlyTables()
    {
        if (DriverSet.EarlyTables.Count == 0) return;
        var byCompat = new Dictionary<string, EarlyEntry>(StringComparer.Ordinal);
        foreach (var e in DriverSet.EarlyTables)
            if (e.Table is not EarlyTable.Earlycon && !byCompat.ContainsKey(e.Compatible)) byCompat[e.Compatible] = e;
        Visit(Tree.Root);

        void Visit(DtNode node)
        {
            // the early scanners only consider available nodes
            if (!node.IsAvailable) return;
            foreach (var c in node.Compatible)
            {
                if (!byCompat.TryGetValue(c, out var entry)) continue;
                _early[node] = entry;
                // CLK_OF_DECLARE_DRIVER, or an init that calls of_node_clear_flag(OF_POPULATED) (imx_gpcv2_irqchip_init):
                // of_platform_populate skips only OF_POPULATED nodes, so the node still gets its platform device
                bool leaves = entry.LeavesNodeToDriver ?? entry.Table == EarlyTable.ClkDriver;
                switch (entry.Table)
                {
                    case EarlyTable.Clk:
                        // of_clk_init marks the node populated (no platform device) and its fwnode initialised
                        if (!leaves) _ofPopulated.Add(node);
                        Fw(node).Initialized = true; break;
                    case EarlyTable.ClkDriver:
                        // CLK_OF_DECLARE_DRIVER clears OF_POPULATED again so a platform driver can bind
                        Fw(node).Initialized = true; break;
                    case EarlyTable.Irqchip:
                        // of_irq_init marks initialised controllers OF_POPULATED; irq_domain registration marks the fwnode
                        if (!leaves) _ofPopulated.Add(node);
                        Fw(node).Initialized = true;
                        foreach (var child in node.Children)
                            if (child.HasProperty("interrupt-controller") || child.HasProperty("msi-controller")) Fw(child).Initialized = true;
                        break;
                }
                Printk(LogLevel.Debug, $"OF: {TableName(entry.Table)}: {entry.Compatible} set up {node.Path}");
                break;
            }
            foreach (var child in node.Children) Visit(child);
        }
    }

    /// <summary>
    /// What the early init registered for this node besides its table's kind (the RK3399 CRU's init also calls
    /// rockchip_register_softrst -> reset_controller_register): the provider is found by node at once.
    /// </summary>
    internal EarlyEntry? EarlyProvider(DtNode node, Drivers.Imported.EarlyProvides kind) =>
        _early.TryGetValue(node, out var e) && e.Provides.Contains(kind) ? e : null;

    /// <summary>The kernel's name of an early table (CLK_OF_DECLARE, ...).</summary>
    public static string EarlyTableName(EarlyTable t) => TableName(t);

    internal static string TableName(EarlyTable t) => t switch
    {
        EarlyTable.Clk => "__clk_of_table",
        EarlyTable.ClkDriver => "__clk_of_table (driver)",
        EarlyTable.Irqchip => "__irqchip_of_table",
        EarlyTable.Timer => "__timer_of_table",
        EarlyTable.ReservedMem => "__reservedmem_of_table",
        EarlyTable.Iommu => "__iommu_of_table",
        _ => "__earlycon_table",
    };
}
