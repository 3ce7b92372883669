namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>iova.c alloc_iova / reserve_iova / free_iova and the max32_alloc_size fast-fail (spec R9.4).</summary>
public class IovaAllocatorTests
{
    [Fact]
    public void Spec_derived_example_pci_64bit_mask_gets_top_of_4GiB_first()
    {
        // R9.4 derived: fresh domain, 4 KiB granule, PCI device with a 64-bit mask
        var ops = IommuDma(Pci());
        var mem = ops.Cookie.Memory;
        var eight = mem.AllocPages(8 * KiB)!.Value;
        var four = mem.AllocPages(4 * KiB)!.Value;
        Assert.Equal(0xFFFFE000UL, ops.MapPage(eight, 8 * KiB, DmaDirection.Bidirectional));
        Assert.Equal(0xFFFFD000UL, ops.MapPage(four, 4 * KiB, DmaDirection.Bidirectional));
    }

    [Fact]
    public void Spec_derived_example_platform_device_gets_top_of_48bit_aperture()
    {
        var ops = IommuDma(Platform());
        var buf = ops.Cookie.Memory.AllocPages(8 * KiB)!.Value;
        Assert.Equal(0xFFFFFFFFE000UL, ops.MapPage(buf, 8 * KiB, DmaDirection.ToDevice));
    }

    [Fact]
    public void Alloc_is_top_down_and_size_aligned_to_the_next_power_of_two()
    {
        var iovad = new IovaDomain(4096, 1);
        // 3 pages under a 32-bit limit: candidate (0x100000 - 3) rounded down to a multiple of 4 pages
        var r = iovad.AllocIova(3, 0xFFFFF, sizeAligned: true)!;
        Assert.Equal(0xFFFFCUL, r.PfnLo);
        Assert.Equal(0xFFFFEUL, r.PfnHi);
        // unaligned request packs right below it
        var u = iovad.AllocIova(3, 0xFFFFF, sizeAligned: false)!;
        Assert.Equal(0xFFFF9UL, u.PfnLo);
    }

    [Fact]
    public void Search_steps_below_allocated_ranges_and_honours_start_pfn()
    {
        var iovad = new IovaDomain(4096, startPfn: 0x10);
        Assert.NotNull(iovad.ReserveIova(0x18, 0x1F));
        // limit 0x1F: everything from 0x18 up is reserved, so 8 pages land at 0x10
        var r = iovad.AllocIova(8, 0x1F, true)!;
        Assert.Equal(0x10UL, r.PfnLo);
        // nothing left at or above start_pfn
        Assert.Null(iovad.AllocIova(1, 0x1F, true));
    }

    [Fact]
    public void Retry_from_the_limit_finds_space_above_the_shared_32bit_cached_node()
    {
        var iovad = new IovaDomain(4096, 1);
        Assert.Equal(0xFFFFFUL, iovad.AllocIova(1, 0xFFFFF, true)!.PfnLo);
        // a lower 32-bit limit shares cached32_node, which now sits at 0x7FFFF
        var low = iovad.AllocIova(1, 0x7FFFF, true)!;
        Assert.Equal(0x7FFFFUL, low.PfnLo);
        Assert.Same(low, iovad.Cached32Node);
        Assert.NotNull(iovad.ReserveIova(1, 0x7FFFE));
        // searching down from 0x7FFFF finds nothing; the one retry from the limit down to it does
        Assert.Equal(0xFFFFEUL, iovad.AllocIova(1, 0xFFFFF, true)!.PfnLo);
    }

    [Fact]
    public void Max32_fast_fail_until_a_range_below_4GiB_is_freed()
    {
        var iovad = new IovaDomain(4096, 1);
        // leave exactly 16 free pages below 4 GiB
        Assert.NotNull(iovad.ReserveIova(1, 0xFFFEF));
        Assert.Null(iovad.AllocIova(32, 0xFFFFF, true));
        Assert.Equal(32UL, iovad.Max32AllocSize);
        // same-or-larger 32-bit requests now fail without a search; smaller ones still search
        Assert.Null(iovad.AllocIova(64, 0xFFFFF, true));
        var small = iovad.AllocIova(16, 0xFFFFF, true)!;
        Assert.Equal(0xFFFF0UL, small.PfnLo);
        // a 64-bit limit is not subject to the fast-fail
        Assert.NotNull(iovad.AllocIova(32, 0xFFFFFFFFF, true));
        // freeing something below 4 GiB resets it
        Assert.True(iovad.FreeIova(small.PfnLo));
        Assert.Equal(iovad.Dma32BitPfn, iovad.Max32AllocSize);
    }

    [Fact]
    public void Reserve_merges_overlaps_and_find_locates_containing_range()
    {
        var iovad = new IovaDomain(4096, 1);
        var r1 = iovad.ReserveIova(0x100, 0x1FF)!;
        var r2 = iovad.ReserveIova(0x180, 0x2FF)!; // overlaps: remainder inserted after r1
        Assert.Equal(0x100UL, r1.PfnLo);
        Assert.Equal(0x200UL, r2.PfnLo);
        Assert.Same(r1, iovad.ReserveIova(0x120, 0x130)); // fully inside: the existing node
        Assert.Same(r2, iovad.FindIova(0x250));
        Assert.Null(iovad.FindIova(0x300));
        // pfns that do not fit a dma_addr_t are refused
        Assert.Null(iovad.ReserveIova(ulong.MaxValue - 1, ulong.MaxValue));
    }

    [Fact]
    public void Granule_larger_than_a_cpu_page_is_refused_like_the_BUG_ON()
        => Assert.Throws<ArgumentException>(() => new IovaDomain(65536, 1));
}
