namespace ProbeSim.Kernel.Dma;

public sealed partial class ArmLpaePageTable
{
    /// <summary>
    /// arm_lpae_unmap_pages: bytes unmapped (0 on a hole, a partial block, or bad arguments). Leaf pages are added to
    /// <paramref name="gather"/> unless it is queued; freed tables get an immediate walk flush.
    /// </summary>
    public ulong Unmap(ulong iova, ulong pgsize, ulong pgcount, IotlbGather? gather)
    {
        if (pgsize == 0 || (pgsize & PgsizeBitmap) != pgsize || pgcount == 0)
            return WarnZero("__arm_lpae_unmap_pages");
        if ((iova >> Geometry.Ias) != 0)
            return WarnZero("__arm_lpae_unmap_pages");
        return UnmapAt(iova, pgsize, pgcount, Geometry.StartLevel, _pgd, gather);
    }

    // __arm_lpae_unmap
    private ulong UnmapAt(ulong iova, ulong size, ulong pgcount, int lvl, Table table, IotlbGather? gather)
    {
        var idx = Geometry.LevelIndex(iova, lvl);
        var pte = table.Entries[idx];
        if (pte.Kind == PteKind.Empty)
            return WarnZero("__arm_lpae_unmap"); // unmapping an empty entry

        if (size == Geometry.BlockSize(lvl))
        {
            var num = (int)Math.Min(pgcount, (ulong)Math.Min(Geometry.PtesPerTable - idx, table.Entries.Length - idx));
            var i = 0;
            for (; i < num; i++)
            {
                var e = table.Entries[idx + i];
                if (e.Kind == PteKind.Empty)
                {
                    WarnZero("__arm_lpae_unmap");
                    break;
                }

                table.Entries[idx + i] = default;
                var at = iova + (ulong)i * size;
                if (e.Kind == PteKind.Table)
                {
                    FlushWalk?.Invoke(at, size); // Also flush any partial walks
                    FreeTable(e.Next!);
                }
                else if (gather is { Queued: false })
                    gather.AddPage(at, size);
            }

            return (ulong)i * size;
        }

        if (pte.Kind == PteKind.Leaf)
        {
            if (_once.First("partial"))
            {
                _log.Log(DmaLogLevel.Warning, "Unmap of a partial large IOPTE is not allowed");
                _log.Log(DmaLogLevel.Warning, KFmt.Warning(File, "__arm_lpae_unmap"));
            }

            return 0;
        }

        return UnmapAt(iova, size, pgcount, lvl + 1, pte.Next!, gather);
    }

    /// <summary>arm_lpae_iova_to_phys: the physical address, or 0 when nothing maps <paramref name="iova"/>.</summary>
    public ulong IovaToPhys(ulong iova) => Walk(iova, out var leaf, out var level) ? leaf.Pa | (iova & (Geometry.BlockSize(level) - 1)) : 0;

    /// <summary>The leaf translating <paramref name="iova"/>: its page's physical base, protection and size.</summary>
    public bool TryTranslate(ulong iova, out ulong leafIova, out ulong leafPa, out ulong leafSize, out IommuProt prot)
    {
        leafIova = leafPa = leafSize = 0;
        prot = IommuProt.None;
        if ((iova >> Geometry.Ias) != 0 || !Walk(iova, out var leaf, out var level))
            return false;
        leafSize = Geometry.BlockSize(level);
        leafIova = iova & ~(leafSize - 1);
        leafPa = leaf.Pa;
        prot = leaf.Prot;
        return true;
    }

    private bool Walk(ulong iova, out Pte leaf, out int level)
    {
        var table = _pgd;
        for (level = Geometry.StartLevel; level < ArmLpaeGeometry.MaxLevels; level++)
        {
            leaf = table.Entries[Geometry.LevelIndex(iova, level)];
            if (leaf.Kind == PteKind.Leaf)
                return true;
            if (leaf.Kind == PteKind.Empty)
                return false;
            table = leaf.Next!;
        }

        leaf = default;
        return false;
    }

    // __arm_lpae_free_pgtable
    private void FreeTable(Table t)
    {
        foreach (var e in t.Entries)
            if (e.Kind == PteKind.Table)
                FreeTable(e.Next!);
        TablesFreed++;
    }
}
