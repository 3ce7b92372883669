namespace ProbeSim.Kernel.Dma;

/// <summary>
/// io-pgtable-arm.c, ARM LPAE stage 1: tables allocated on demand (one object per table page, so a sparse 48-bit
/// space is cheap), block leaves above the last level, page leaves at level 3. Counts table pages allocated and freed.
/// WARNs go to the log with the kernel's texts.
/// </summary>
public sealed partial class ArmLpaePageTable
{
    private const string File = "drivers/iommu/io-pgtable-arm.c";
    private readonly IDmaLog _log;
    private readonly OnceFlags _once = new();
    private readonly Table _pgd;

    public ArmLpaePageTable(ArmLpaeGeometry geometry, IDmaLog? log = null)
    {
        Geometry = geometry;
        _log = log ?? NullDmaLog.Instance;
        _pgd = new Table(geometry.PgdEntries);
        TablesAllocated = 1; // the pgd
    }

    public ArmLpaeGeometry Geometry { get; }

    /// <summary>io_pgtable_cfg.pgsize_bitmap.</summary>
    public ulong PgsizeBitmap => Geometry.PgsizeBitmap;

    public long TablesAllocated { get; private set; }

    public long TablesFreed { get; private set; }

    public long TablesLive => TablesAllocated - TablesFreed;

    /// <summary>io_pgtable_tlb_flush_walk: invalidate a range now, because a table under it is about to be freed.</summary>
    public Action<ulong, ulong>? FlushWalk { get; set; }

    /// <summary>
    /// arm_lpae_map_pages: maps <paramref name="pgcount"/> pages of <paramref name="pgsize"/> (which must be in the
    /// bitmap), adding what it mapped to <paramref name="mapped"/>. 0, -EINVAL, -ERANGE, -EEXIST.
    /// </summary>
    public int Map(ulong iova, ulong pa, ulong pgsize, ulong pgcount, IommuProt prot, ref ulong mapped)
    {
        if (pgsize == 0 || (pgsize & PgsizeBitmap) != pgsize || !Bits.IsPowerOfTwo(pgsize))
            return Warn("arm_lpae_map_pages", -EINVAL);
        if ((iova >> Geometry.Ias) != 0 || (pa >> Geometry.Oas) != 0)
            return Warn("arm_lpae_map_pages", -ERANGE);

        // arm_lpae_map_pages: no access requested, nothing to do
        if ((prot & (IommuProt.Read | IommuProt.Write)) == 0)
            return 0;
        return MapAt(iova, pa, pgsize, pgcount, prot, Geometry.StartLevel, _pgd, ref mapped);
    }

    // __arm_lpae_map
    private int MapAt(ulong iova, ulong pa, ulong size, ulong pgcount, IommuProt prot, int lvl, Table table, ref ulong mapped)
    {
        var idx = Geometry.LevelIndex(iova, lvl);
        var blockSize = Geometry.BlockSize(lvl);
        if (size == blockSize)
        {
            var num = (int)Math.Min(pgcount, (ulong)(Geometry.PtesPerTable - idx));
            num = Math.Min(num, table.Entries.Length - idx);
            var ret = InitPte(iova, pa, prot, lvl, num, table, idx);
            if (ret == 0)
                mapped += (ulong)num * size;
            return ret;
        }

        // We can't allocate tables at the final level
        if (lvl >= ArmLpaeGeometry.MaxLevels - 1)
            return Warn("__arm_lpae_map", -EINVAL);

        ref var pte = ref table.Entries[idx];
        if (pte.Kind == PteKind.Empty)
        {
            pte = new Pte { Kind = PteKind.Table, Next = new Table(Geometry.PtesPerTable) };
            TablesAllocated++;
        }
        else if (pte.Kind == PteKind.Leaf)
            return Warn("__arm_lpae_map", -EEXIST); // a block already covers this range: unmap first

        return MapAt(iova, pa, size, pgcount, prot, lvl + 1, pte.Next!, ref mapped);
    }

    // arm_lpae_init_pte: every target entry is checked first; tables under a new block are unmapped and freed
    private int InitPte(ulong iova, ulong pa, IommuProt prot, int lvl, int num, Table table, int idx)
    {
        var sz = Geometry.BlockSize(lvl);
        for (var i = 0; i < num; i++)
        {
            var e = table.Entries[idx + i];
            if (e.Kind == PteKind.Leaf)
                return Warn("arm_lpae_init_pte", -EEXIST); // We require an unmap first
            if (e.Kind == PteKind.Table)
            {
                if (UnmapAt(iova + (ulong)i * sz, sz, 1, lvl, table, null) != sz)
                    return Warn("arm_lpae_init_pte", -EINVAL);
            }
        }

        for (var i = 0; i < num; i++)
            table.Entries[idx + i] = new Pte { Kind = PteKind.Leaf, Pa = pa + (ulong)i * sz, Prot = prot };
        return 0;
    }

    private int Warn(string function, int ret)
    {
        _log.Log(DmaLogLevel.Warning, KFmt.Warning(File, function));
        return ret;
    }

    private ulong WarnZero(string function)
    {
        _log.Log(DmaLogLevel.Warning, KFmt.Warning(File, function));
        return 0;
    }

    private enum PteKind : byte
    {
        Empty,
        Leaf,
        Table,
    }

    private struct Pte
    {
        public PteKind Kind;
        public ulong Pa;
        public IommuProt Prot;
        public Table? Next;
    }

    private sealed class Table
    {
        public Table(int entries) => Entries = new Pte[entries];

        public Pte[] Entries { get; }
    }
}
