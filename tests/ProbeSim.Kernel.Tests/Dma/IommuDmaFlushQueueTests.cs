namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>Strict vs DMA_FQ unmap (R9.7): when the device loses access to an unmapped page.</summary>
public class IommuDmaFlushQueueTests
{
    [Fact]
    public void Strict_unmap_faults_the_device_immediately()
    {
        var ops = IommuDma(Pci(), IommuDmaOptions.V66);
        var iova = ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.Bidirectional);
        Assert.True(ops.DeviceAccess(iova, 64, true).Ok);
        ops.UnmapPage(iova, 4 * KiB, DmaDirection.Bidirectional);
        var r = ops.DeviceAccess(iova, 64, true);
        Assert.Equal(DmaAccessFault.Translation, r.Fault);
        Assert.Equal(PagingDomainType.Dma, ops.Domain.Type);
    }

    [Fact]
    public void Flush_queue_leaves_a_stale_translation_until_the_10ms_timer_flushes()
    {
        var ops = IommuDma(Pci(), IommuDmaOptions.V66 with { Mode = DmaFlushMode.FlushQueue });
        Assert.Equal(PagingDomainType.DmaFq, ops.Domain.Type);
        var iova = ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.Bidirectional);
        Assert.True(ops.DeviceAccess(iova, 64, true).Ok); // the IOTLB caches the page
        ops.UnmapPage(iova, 4 * KiB, DmaDirection.Bidirectional);

        var stale = ops.DeviceAccess(iova, 64, true);
        Assert.True(stale.Ok);
        Assert.True(stale.Stale);
        Assert.Equal(0x8000_0000UL, stale.Phys);
        var fq = ops.Cookie.FlushQueue!;
        Assert.Equal(1, fq.Pending);
        Assert.True(fq.TimerArmed);

        // the queued IOVA is not reusable yet
        Assert.Equal(0xFFFF_E000UL, ops.MapPage(0x8000_1000, 4 * KiB, DmaDirection.Bidirectional));

        ops.Advance(9_999);
        Assert.True(ops.DeviceAccess(iova, 64, false).Ok);
        ops.Advance(1);
        Assert.Equal(DmaAccessFault.Translation, ops.DeviceAccess(iova, 64, false).Fault);
        Assert.Equal((0, 1L, 1L), (fq.Pending, fq.TimerFlushes, fq.Freed));
        // after the flush it went to the range cache: the newest free 1-page IOVA
        Assert.Equal(iova, ops.MapPage(0x8000_2000, 4 * KiB, DmaDirection.Bidirectional));
    }

    [Fact]
    public void A_full_ring_forces_a_flush_that_frees_everything_queued_before_it()
    {
        var ops = IommuDma(Platform(), IommuDmaOptions.V66 with { Mode = DmaFlushMode.FlushQueue });
        var iovas = Enumerable.Range(0, 256).Select(i => ops.MapPage(0x8000_0000 + (ulong)i * 4096, 4 * KiB, DmaDirection.ToDevice)).ToList();
        var fq = ops.Cookie.FlushQueue!;
        foreach (var iova in iovas.Take(255))
            ops.UnmapPage(iova, 4 * KiB, DmaDirection.ToDevice);
        Assert.Equal((255, 0L), (fq.Pending, fq.FullRingFlushes));
        ops.UnmapPage(iovas[255], 4 * KiB, DmaDirection.ToDevice);
        Assert.Equal((1, 1L, 255L), (fq.Pending, fq.FullRingFlushes, fq.Freed));
        Assert.Equal(1L, ops.Domain.Iotlb.FullInvalidations);
    }

    [Fact]
    public void Without_deferred_flush_capability_a_DMA_FQ_domain_is_demoted_to_strict()
    {
        var ops = IommuDma(Pci(), IommuDmaOptions.V66 with { Mode = DmaFlushMode.FlushQueue, DeferredFlushCapable = false });
        Assert.Equal(PagingDomainType.Dma, ops.Domain.Type);
        Assert.Null(ops.Cookie.FlushQueue);
    }

    [Fact]
    public void Entries_are_freed_into_the_cpu_that_flushes()
    {
        var options = IommuDmaOptions.V66 with { Mode = DmaFlushMode.FlushQueue, Cpus = 2 };
        var ops = IommuDma(Platform(), options);
        var iova = ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.ToDevice, cpu: 1);
        ops.UnmapPage(iova, 4 * KiB, DmaDirection.ToDevice, cpu: 1);
        ops.Advance(10_000);
        Assert.Equal(new[] { iova >> 12 }, ops.Cookie.Iovad!.Rcache.Loaded(0, 1));
        Assert.Empty(ops.Cookie.Iovad.Rcache.Loaded(0, 0));
    }
}
