namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>iova.c range caches: alloc_iova_fast / free_iova_fast, magazines, depot, flush-and-retry (R9.4).</summary>
public class IovaRcacheTests
{
    [Fact]
    public void Reuse_returns_the_newest_freed_pfn_of_the_same_order()
    {
        var iovad = new IovaDomain(4096, 1);
        var a = iovad.AllocIovaFast(2, 0xFFFFF, true);
        var b = iovad.AllocIovaFast(2, 0xFFFFF, true);
        Assert.Equal(0xFFFFEUL, a);
        Assert.Equal(0xFFFFCUL, b);
        iovad.FreeIovaFast(a, 2);
        iovad.FreeIovaFast(b, 2);
        Assert.Equal(new[] { 0xFFFFEUL, 0xFFFFCUL }, iovad.Rcache.Loaded(1, 0));
        Assert.Equal(b, iovad.AllocIovaFast(2, 0xFFFFF, true));
        Assert.Equal(a, iovad.AllocIovaFast(2, 0xFFFFF, true));
        // both stayed allocated in the tree while cached
        Assert.Equal(2, iovad.Ranges.Count);
    }

    [Fact]
    public void Sizes_below_32_pages_round_up_and_free_back_into_their_order()
    {
        var iovad = new IovaDomain(4096, 1);
        var a = iovad.AllocIovaFast(3, 0xFFFFF, true);
        Assert.Equal(4UL, iovad.FindIova(a)!.Pages);
        iovad.FreeIovaFast(a, 3); // order_base_2(3) == 2
        Assert.Equal(new[] { a }, iovad.Rcache.Loaded(2, 0));
        Assert.Equal(a, iovad.AllocIovaFast(4, 0xFFFFF, true));
        // 33 pages are neither rounded nor cached
        var big = iovad.AllocIovaFast(33, 0xFFFFF, true);
        Assert.Equal(33UL, iovad.FindIova(big)!.Pages);
        iovad.FreeIovaFast(big, 33);
        Assert.Null(iovad.FindIova(big));
    }

    [Fact]
    public void Pop_takes_the_newest_entry_under_the_limit()
    {
        var iovad = new IovaDomain(4096, 1);
        var low = iovad.AllocIovaFast(1, 0xFFFFF, true);           // below 4 GiB
        var high = iovad.AllocIovaFast(1, 0xFFFFFFFFF, true);      // top of 48 bits
        iovad.FreeIovaFast(low, 1);
        iovad.FreeIovaFast(high, 1);
        Assert.Equal(low, iovad.AllocIovaFast(1, 0xFFFFF, true));  // newest (high) does not fit a 32-bit limit
        Assert.Equal(high, iovad.AllocIovaFast(1, 0xFFFFFFFFF, true));
    }

    [Fact]
    public void Full_loaded_swaps_with_prev_then_goes_to_the_depot()
    {
        var iovad = new IovaDomain(4096, 1, cpus: 1, magazineSize: 4, depotLimit: 1);
        var pfns = Enumerable.Range(0, 13).Select(_ => iovad.AllocIovaFast(1, 0xFFFFF, true)).ToList();
        foreach (var p in pfns.Take(8))
            iovad.FreeIovaFast(p, 1); // loaded fills, swaps with the empty prev, fills again
        Assert.Equal(0, iovad.Rcache.DepotCount(0));
        iovad.FreeIovaFast(pfns[8], 1); // both full: loaded goes to the depot
        Assert.Equal(1, iovad.Rcache.DepotCount(0));
        Assert.Equal(new[] { pfns[8] }, iovad.Rcache.Loaded(0, 0));
        foreach (var p in pfns.Skip(9).Take(3))
            iovad.FreeIovaFast(p, 1);
        // depot full (limit 1): the next full magazine's ranges go back to the tree
        var before = iovad.Ranges.Count;
        iovad.FreeIovaFast(pfns[12], 1);
        Assert.Equal(before - 4, iovad.Ranges.Count);
        Assert.Equal(1, iovad.Rcache.DepotCount(0));
    }

    [Fact]
    public void Caches_are_per_cpu()
    {
        var iovad = new IovaDomain(4096, 1, cpus: 2);
        var a = iovad.AllocIovaFast(1, 0xFFFFF, true, cpu: 1);
        iovad.FreeIovaFast(a, 1, cpu: 1);
        Assert.NotEqual(a, iovad.AllocIovaFast(1, 0xFFFFF, true, cpu: 0));
        Assert.Equal(a, iovad.AllocIovaFast(1, 0xFFFFF, true, cpu: 1));
    }

    [Fact]
    public void Failure_flushes_every_cpu_cache_once_and_retries()
    {
        // sixteen pages of 32-bit space, all parked in a cache after use
        var iovad = new IovaDomain(4096, startPfn: 0xFFFF0, cpus: 2);
        var pfns = Enumerable.Range(0, 16).Select(i => iovad.AllocIovaFast(1, 0xFFFFF, true, cpu: i % 2)).ToList();
        for (var i = 0; i < 16; i++)
            iovad.FreeIovaFast(pfns[i], 1, cpu: i % 2);
        Assert.Equal(16, iovad.Rcache.CachedRanges);
        // without the flush flag the 2-page request fails
        Assert.Equal(0UL, iovad.AllocIovaFast(2, 0xFFFFF, false));
        Assert.Equal(0xFFFFEUL, iovad.AllocIovaFast(2, 0xFFFFF, true));
        Assert.Equal(0, iovad.Rcache.CachedRanges);
    }

    [Fact]
    public void Magazine_size_is_128_before_v6_0_and_127_after()
    {
        Assert.Equal(128, new IovaDomain(4096, 1, magazineSize: IovaRcache.MagazineSizeV519).Rcache.MagazineSize);
        Assert.Equal(127, IommuDma(Pci()).Cookie.Iovad!.Rcache.MagazineSize);
        Assert.Equal(128, IommuDma(Pci(), IommuDmaOptions.V519).Cookie.Iovad!.Rcache.MagazineSize);
    }
}
