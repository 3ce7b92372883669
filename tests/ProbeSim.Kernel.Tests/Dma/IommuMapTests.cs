namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>iommu.c iommu_map / iommu_unmap / iommu_map_sg and the IOTLB model (R9.5).</summary>
public class IommuMapTests
{
    private const IommuProt Rw = IommuProt.Read | IommuProt.Write;

    [Fact]
    public void Unaligned_map_is_EINVAL_with_the_kernel_message()
    {
        var log = new DmaLogBuffer();
        var domain = IommuPagingDomain.CreateArmSmmuS1(log);
        Assert.Equal(-22, domain.Map(0x1000, 0x1800, 0x1000, Rw));
        Assert.Equal((DmaLogLevel.Err, "iommu: unaligned: iova 0x1000 pa 0x0000000000001800 size 0x1000 min_pagesz 0x1000"), log.Lines.Single());
    }

    [Fact]
    public void Unaligned_unmap_returns_zero_with_the_kernel_message()
    {
        var log = new DmaLogBuffer();
        var domain = IommuPagingDomain.CreateArmSmmuS1(log);
        Assert.Equal(0UL, domain.Unmap(0x1800, 0x1000));
        Assert.Equal("iommu: unaligned: iova 0x1800 size 0x1000 min_pagesz 0x1000", log.Lines.Single().Text);
    }

    [Fact]
    public void Largest_page_allowed_by_size_and_alignment_is_used()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        // 1 GiB aligned on both sides: one 1G block, then a 2M block, then a 4K page
        Assert.Equal(0, domain.Map(0x4000_0000, 0x1_4000_0000, 1 * GiB + 2 * MiB + 4 * KiB, Rw));
        Assert.True(domain.PageTable.TryTranslate(0x4000_0000, out _, out _, out var s1, out _));
        Assert.True(domain.PageTable.TryTranslate(0x8000_0000, out _, out _, out var s2, out _));
        Assert.True(domain.PageTable.TryTranslate(0x8020_0000, out _, out _, out var s3, out _));
        Assert.Equal((1 * GiB, 2 * MiB, 4 * KiB), (s1, s2, s3));
        // iova and pa offset differently within 2M: pages only
        var pgsize = IommuPgsize.Choose(domain.PgsizeBitmap, 0x20_0000, 0x1000, 4 * MiB, out var count);
        Assert.Equal((4 * KiB, 1024UL), (pgsize, count));
    }

    [Fact]
    public void Unmap_stops_at_a_hole_and_returns_bytes()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x1000, 0x8000_1000, 0x2000, Rw));
        Assert.Equal(0x2000UL, domain.Unmap(0x1000, 0x4000));
        Assert.Equal(0UL, domain.IovaToPhys(0x1000));
    }

    [Fact]
    public void A_failing_map_unwinds_what_it_mapped()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x20_0000, 0x9000_0000, 0x1000, Rw));
        // the first call maps the two pages left in one L3 table; the third page hits the existing leaf
        Assert.Equal(-17, domain.Map(0x1F_E000, 0x801F_E000, 0x3000, Rw));
        Assert.Equal(0UL, domain.IovaToPhys(0x1F_E000));
        Assert.Equal(0UL, domain.IovaToPhys(0x1F_F000));
        Assert.Equal(0x9000_0000UL, domain.IovaToPhys(0x20_0000));
    }

    [Fact]
    public void Non_paging_domains_refuse_map()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        domain.Type = PagingDomainType.Identity;
        Assert.Equal(-22, domain.Map(0x1000, 0x1000, 0x1000, Rw));
        Assert.Equal(0x1234UL, domain.Access(0x1234, 4, false).Phys);
        domain.Type = PagingDomainType.Blocked;
        Assert.Equal(DmaAccessFault.Blocked, domain.Access(0x1234, 4, false).Fault);
    }

    [Fact]
    public void A_stale_IOTLB_entry_translates_until_the_range_is_synced()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x1000, 0x8000_1000, 0x1000, Rw));
        Assert.True(domain.Access(0x1000, 64, true).Ok);
        var gather = new IotlbGather();
        Assert.Equal(0x1000UL, domain.UnmapFast(0x1000, 0x1000, gather));
        var stale = domain.Access(0x1010, 16, true);
        Assert.True(stale.Ok);
        Assert.True(stale.Stale);
        Assert.Equal(0x8000_1010UL, stale.Phys);
        domain.IotlbSync(gather);
        Assert.Equal(DmaAccessFault.Translation, domain.Access(0x1010, 16, true).Fault);
    }

    [Fact]
    public void Writes_need_write_permission_but_every_leaf_is_readable()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        Assert.Equal(0, domain.Map(0x1000, 0x8000_1000, 0x1000, IommuProt.Read));
        Assert.Equal(0, domain.Map(0x2000, 0x8000_2000, 0x1000, IommuProt.Write));
        Assert.Equal(DmaAccessFault.Permission, domain.Access(0x1000, 4, true).Fault);
        Assert.True(domain.Access(0x2000, 4, false).Ok);
        var r = domain.Access(0x1FFC, 8, true);
        Assert.Equal(DmaAccessFault.Permission, r.Fault);
        Assert.Equal(0x1FFCUL, r.FaultAddress);
    }

    [Fact]
    public void Map_sg_maps_physically_contiguous_runs_back_to_back()
    {
        var domain = IommuPagingDomain.CreateArmSmmuS1();
        var segs = new[] { new PhysSegment(0x8000_0000, 0x1000), new PhysSegment(0x8000_1000, 0x1000), new PhysSegment(0x9000_0000, 0x2000) };
        Assert.Equal(0x4000L, domain.MapSg(0x10_0000, segs, Rw));
        Assert.Equal(0x8000_1000UL, domain.IovaToPhys(0x10_1000));
        Assert.Equal(0x9000_1000UL, domain.IovaToPhys(0x10_3000));
    }
}
