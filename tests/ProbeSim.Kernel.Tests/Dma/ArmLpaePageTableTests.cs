namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>io-pgtable-arm.c: geometry, map/unmap, -EEXIST, block over table, partial and empty unmap (R9.6).</summary>
public class ArmLpaePageTableTests
{
    [Theory]
    [InlineData(4096UL, 48, 4, 0, 512)]
    [InlineData(4096UL, 39, 3, 1, 512)]
    [InlineData(4096UL, 32, 3, 1, 4)]
    [InlineData(16384UL, 48, 4, 0, 2)]
    [InlineData(65536UL, 48, 3, 1, 64)]
    [InlineData(65536UL, 42, 2, 2, 8192)]
    public void Levels_start_level_and_top_table_follow_the_ias(ulong granule, int ias, int levels, int start, int pgdEntries)
    {
        var g = ArmLpaeGeometry.Create(granule, ias);
        Assert.Equal(levels, g.Levels);
        Assert.Equal(start, g.StartLevel);
        Assert.Equal(pgdEntries, g.PgdEntries);
    }

    [Fact]
    public void Page_sizes_per_granule_and_the_4K_block_sizes()
    {
        var g4 = ArmLpaeGeometry.Create(4096);
        Assert.Equal(4 * KiB | 2 * MiB | 1 * GiB, g4.PgsizeBitmap);
        Assert.Equal(4 * KiB, g4.BlockSize(3));
        Assert.Equal(2 * MiB, g4.BlockSize(2));
        Assert.Equal(1 * GiB, g4.BlockSize(1));
        Assert.Equal(16 * KiB | 32 * MiB, ArmLpaeGeometry.Create(16384).PgsizeBitmap);
        Assert.Equal(64 * KiB | 512 * MiB, ArmLpaeGeometry.Create(65536).PgsizeBitmap);
    }

    [Fact]
    public void Granule_is_the_cpu_page_size_when_supported()
    {
        Assert.Equal(4096UL, ArmLpaeGeometry.ChooseGranule(4 * KiB | 64 * KiB | 2 * MiB));
        Assert.Equal(65536UL, ArmLpaeGeometry.ChooseGranule(64 * KiB | 512 * MiB));
        Assert.Equal(4096UL, ArmLpaeGeometry.ChooseGranule(4 * KiB | 64 * KiB, cpuPageSize: 16 * KiB));
    }

    [Fact]
    public void Spec_derived_example_4K_page_then_2M_block()
    {
        // R9.6 derived: map 0x201000 bytes at iova = pa = 0x1FF000
        var pgsize = IommuPgsize.Choose(4 * KiB | 2 * MiB | 1 * GiB, 0x1FF000, 0x1FF000, 0x201000, out var count);
        Assert.Equal((4 * KiB, 1UL), (pgsize, count));
        pgsize = IommuPgsize.Choose(4 * KiB | 2 * MiB | 1 * GiB, 0x200000, 0x200000, 0x200000, out count);
        Assert.Equal((2 * MiB, 1UL), (pgsize, count));

        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x1FF000, 0x1FF000, 0x201000, IommuProt.Read | IommuProt.Write));
        Assert.True(domain.PageTable.TryTranslate(0x1FF000, out var li, out _, out var size, out _));
        Assert.Equal((0x1FF000UL, 4 * KiB), (li, size));
        Assert.True(domain.PageTable.TryTranslate(0x3FF123, out li, out var lpa, out size, out _));
        Assert.Equal((0x200000UL, 0x200000UL, 2 * MiB), (li, lpa, size));
        Assert.Equal(0x3FF123UL, domain.IovaToPhys(0x3FF123));
        // pgd + L1 + L2 + one L3 for the 4K page
        Assert.Equal(4, domain.PageTable.TablesAllocated);
    }

    [Fact]
    public void Mapping_over_a_leaf_is_EEXIST_with_a_WARN()
    {
        var log = new DmaLogBuffer();
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096), log);
        ulong mapped = 0;
        Assert.Equal(0, pt.Map(0x1000, 0x8000_1000, 4 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(-17, pt.Map(0x1000, 0x8000_2000, 4 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Contains(log.Lines, l => l.Level == DmaLogLevel.Warning && l.Text == "WARNING: at drivers/iommu/io-pgtable-arm.c arm_lpae_init_pte");
        // a page inside an existing block is refused on the way down
        Assert.Equal(0, pt.Map(0x40_0000, 0x8040_0000, 2 * MiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(-17, pt.Map(0x40_1000, 0x9000_0000, 4 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Contains(log.Lines, l => l.Text == "WARNING: at drivers/iommu/io-pgtable-arm.c __arm_lpae_map");
        Assert.Equal(0x8000_1000UL, pt.IovaToPhys(0x1000));
    }

    [Fact]
    public void A_block_replaces_a_table_and_frees_it_with_a_walk_flush()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x20_0000, 0x8000_0000, 4 * KiB, IommuProt.Read | IommuProt.Write));
        Assert.True(domain.Access(0x20_0000, 4096, false).Ok); // IOTLB now holds the page
        var tables = domain.PageTable.TablesLive;
        Assert.Equal(0, domain.Map(0x20_0000, 0x8100_0000, 2 * MiB, IommuProt.Read | IommuProt.Write));
        Assert.Equal(tables - 1, domain.PageTable.TablesLive);
        Assert.Equal(1, domain.PageTable.TablesFreed);
        var after = domain.Access(0x20_0000, 4096, false);
        Assert.Equal(0x8100_0000UL, after.Phys);
        Assert.False(after.Chunks[0].FromIotlb);
    }

    [Fact]
    public void Unmapping_part_of_a_block_warns_once_and_unmaps_nothing()
    {
        var log = new DmaLogBuffer();
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096), log);
        ulong mapped = 0;
        Assert.Equal(0, pt.Map(0x20_0000, 0x8020_0000, 2 * MiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(0UL, pt.Unmap(0x20_1000, 4 * KiB, 1, new IotlbGather()));
        Assert.Equal(0UL, pt.Unmap(0x20_2000, 4 * KiB, 1, new IotlbGather()));
        Assert.Equal(1, log.Count("Unmap of a partial large IOPTE is not allowed"));
        Assert.Equal(0x8020_1000UL, pt.IovaToPhys(0x20_1000));
        Assert.Equal(2 * MiB, pt.Unmap(0x20_0000, 2 * MiB, 1, new IotlbGather()));
    }

    [Fact]
    public void Unmapping_an_empty_entry_warns_and_returns_zero()
    {
        var log = new DmaLogBuffer();
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096), log);
        Assert.Equal(0UL, pt.Unmap(0x5000, 4 * KiB, 1, null));
        Assert.Equal(1, log.Count("WARNING: at drivers/iommu/io-pgtable-arm.c __arm_lpae_unmap"));
    }

    [Fact]
    public void Bad_page_size_and_out_of_range_addresses_are_refused()
    {
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096, ias: 39));
        ulong mapped = 0;
        Assert.Equal(-22, pt.Map(0, 0, 8 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(-34, pt.Map(1UL << 39, 0, 4 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(-34, pt.Map(0, 1UL << 48, 4 * KiB, 1, IommuProt.Read, ref mapped));
        // no access requested: nothing to do
        Assert.Equal(0, pt.Map(0x1000, 0x1000, 4 * KiB, 1, IommuProt.Cache, ref mapped));
        Assert.Equal(0UL, mapped);
    }

    [Fact]
    public void Multi_page_map_and_unmap_count_entries_and_gather_leaves()
    {
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096));
        ulong mapped = 0;
        Assert.Equal(0, pt.Map(0x1000, 0x8000_1000, 4 * KiB, 16, IommuProt.Read | IommuProt.Write, ref mapped));
        Assert.Equal(16 * 4 * KiB, mapped);
        var gather = new IotlbGather();
        Assert.Equal(16 * 4 * KiB, pt.Unmap(0x1000, 4 * KiB, 16, gather));
        Assert.Equal(new[] { (0x1000UL, 0x10FFFUL) }, gather.Ranges);
        var queued = new IotlbGather { Queued = true };
        Assert.Equal(0, pt.Map(0x1000, 0x8000_1000, 4 * KiB, 1, IommuProt.Read, ref mapped));
        Assert.Equal(4 * KiB, pt.Unmap(0x1000, 4 * KiB, 1, queued));
        Assert.Empty(queued.Ranges);
    }
}
