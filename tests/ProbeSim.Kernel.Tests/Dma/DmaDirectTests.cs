namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>dma-direct and swiotlb (R9.10): masks, dma-ranges, bouncing, the overflow WARN, pool exhaustion.</summary>
public class DmaDirectTests
{
    [Fact]
    public void Set_mask_is_EIO_below_what_the_lowest_zone_needs()
    {
        var mem = new PhysMemory(new PhysSegment(0, 2 * GiB));
        var dev = Platform(maskBits: 32);
        var zone1G = new DmaDirectOps(dev, mem, DmaDirectPlatform.For(mem, zoneDmaLimit: 0x3FFF_FFFF));
        Assert.Equal(0, zone1G.SetMask(DmaApi.BitMask(30)));
        Assert.Equal(-5, zone1G.SetMask(DmaApi.BitMask(29)));
        Assert.Equal(DmaApi.BitMask(30), dev.DmaMask);
        Assert.Equal(0, zone1G.SetMask(DmaApi.BitMask(64)));
        // no ZONE_DMA, only ZONE_DMA32: the mask must reach the last page of RAM (below 4 GiB)
        var dma32 = new DmaDirectOps(Platform(), mem, new DmaDirectPlatform { MaxPhys = mem.MaxPhys, ZoneDmaLimit = null });
        Assert.Equal(-5, dma32.SetMask(DmaApi.BitMask(30)));
        Assert.Equal(0, dma32.SetMask(DmaApi.BitMask(31)));
    }

    [Fact]
    public void Dma_ranges_offset_the_bus_address()
    {
        var mem = PhysMemory.TypicalArm64();
        var dev = Platform() with { DmaRanges = new[] { new BusDmaRegion(0x8000_0000, 0, 2 * GiB) } };
        var ops = new DmaDirectOps(dev, mem);
        Assert.Equal(0x1000UL, ops.MapPage(0x8000_1000, 4096, DmaDirection.ToDevice));
        Assert.Equal(0x8000_1000UL, ops.DeviceAccess(0x1000, 4, false).Phys);
    }

    [Fact]
    public void Buffers_above_the_mask_bounce_through_swiotlb_below_4GiB()
    {
        var log = new DmaLogBuffer();
        var mem = PhysMemory.TypicalArm64();
        var swiotlb = new Swiotlb(mem, log: log);
        Assert.Equal(0xFC00_0000UL, swiotlb.Start); // top of the low 2 GiB bank
        Assert.Equal("software IO TLB: mapped [mem 0x00000000fc000000-0x0000000100000000] (64MB)", log.Lines.Single().Text);
        var ops = new DmaDirectOps(Platform(maskBits: 32), mem, swiotlb: swiotlb, log: log);
        var high = mem.AllocPages(8 * KiB, maxAddr: ulong.MaxValue, topDown: true)!.Value;
        Assert.True(high > 0xFFFF_FFFF);
        mem.Write(high, new byte[] { 1, 2, 3 });

        var dma = ops.MapPage(high, 8 * KiB, DmaDirection.Bidirectional);
        Assert.True(swiotlb.IsSwiotlbBuffer(dma));
        Assert.Equal(0UL, dma & 0xFFF); // a page or more: page-aligned slots
        Assert.Equal(new byte[] { 1, 2, 3 }, mem.Read(dma, 3));
        mem.Write(dma, new byte[] { 9 });
        ops.UnmapPage(dma, 8 * KiB, DmaDirection.Bidirectional);
        Assert.Equal(new byte[] { 9, 2, 3 }, mem.Read(high, 3));
        Assert.Equal((1L, 8192L, 8192L), (ops.Stats.Bounces, ops.Stats.BounceBytesToDevice, ops.Stats.BounceBytesFromDevice));
    }

    [Fact]
    public void Without_swiotlb_an_unreachable_buffer_warns_once_and_fails()
    {
        var log = new DmaLogBuffer();
        var mem = PhysMemory.TypicalArm64();
        var ops = new DmaDirectOps(Platform(maskBits: 32), mem, log: log);
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0x8_8000_0000, 4096, DmaDirection.ToDevice));
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0x8_8000_1000, 4096, DmaDirection.ToDevice));
        Assert.Equal(1, log.Count("overflow"));
        Assert.Equal("pl330 ff100000.dma: DMA addr 0x0000000880000000+4096 overflow (mask ffffffff, bus limit 0).", log.Lines[0].Text);
        Assert.Equal(2L, ops.Stats.MapErrors);
        // reachable buffers map 1:1
        Assert.Equal(0x8000_0000UL, ops.MapPage(0x8000_0000, 4096, DmaDirection.ToDevice));
    }

    [Fact]
    public void Bus_dma_limit_counts_like_the_mask()
    {
        var log = new DmaLogBuffer();
        var dev = Platform() with { BusDmaLimit = 0xFFFF_FFFF };
        var ops = new DmaDirectOps(dev, PhysMemory.TypicalArm64(), log: log);
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0xFFFF_F000, 0x2000, DmaDirection.ToDevice));
        Assert.Contains("(mask ffffffffffffffff, bus limit ffffffff).", log.Lines[0].Text);
    }

    [Fact]
    public void Forced_bounce_uses_swiotlb_even_for_reachable_buffers()
    {
        var mem = PhysMemory.TypicalArm64();
        var ops = new DmaDirectOps(Platform(), mem, swiotlb: new Swiotlb(mem, force: true));
        var dma = ops.MapPage(0x8000_0000, 512, DmaDirection.ToDevice);
        Assert.NotEqual(0x8000_0000UL, dma);
        Assert.Equal(1L, ops.Stats.Bounces);
    }

    [Fact]
    public void Swiotlb_refuses_more_than_a_segment_and_reports_a_full_pool()
    {
        var log = new DmaLogBuffer();
        var mem = PhysMemory.TypicalArm64();
        var swiotlb = new Swiotlb(mem, size: 512 * KiB); // 256 slots, two segments
        var ops = new DmaDirectOps(Platform(maskBits: 32), mem, swiotlb: swiotlb, log: log);
        var high = 0x8_8000_0000UL;
        Assert.Equal(DmaApi.MappingError, ops.MapPage(high, 256 * KiB + 1, DmaDirection.ToDevice));
        Assert.Contains("pl330 ff100000.dma: swiotlb buffer is full (sz: 262145 bytes), total 256 (slots), used 0 (slots)", log.Lines.Select(l => l.Text));
        var a = ops.MapPage(high, 192 * KiB, DmaDirection.ToDevice);
        var b = ops.MapPage(high, 192 * KiB, DmaDirection.ToDevice);
        // 96 slots each: the second cannot share the first segment and starts the next one
        Assert.Equal(swiotlb.Start, a);
        Assert.Equal(swiotlb.Start + 128 * 2048, b);
        Assert.Equal(DmaApi.MappingError, ops.MapPage(high, 128 * KiB, DmaDirection.ToDevice));
        Assert.Equal(192, swiotlb.Used);
    }

    [Fact]
    public void Non_coherent_devices_count_cache_maintenance()
    {
        var ops = new DmaDirectOps(Platform(coherent: false), PhysMemory.TypicalArm64());
        var dma = ops.MapPage(0x8000_0000, 4096, DmaDirection.FromDevice);
        ops.UnmapPage(dma, 4096, DmaDirection.FromDevice);
        var dma2 = ops.MapPage(0x8000_0000, 4096, DmaDirection.ToDevice);
        ops.UnmapPage(dma2, 4096, DmaDirection.ToDevice);
        ops.MapPage(0x8000_0000, 4096, DmaDirection.ToDevice, DmaAttrs.SkipCpuSync);
        Assert.Equal((2L, 1L), (ops.Stats.CacheCleans, ops.Stats.CacheInvalidates));
        var coherent = new DmaDirectOps(Platform(), PhysMemory.TypicalArm64());
        coherent.MapPage(0x8000_0000, 4096, DmaDirection.FromDevice);
        Assert.Equal(0L, coherent.Stats.CacheCleans);
    }

    [Fact]
    public void Coherent_allocation_stays_below_the_coherent_mask()
    {
        var mem = PhysMemory.TypicalArm64();
        var dev = Platform() with { CoherentDmaMask = DmaApi.BitMask(32) };
        var ops = new DmaDirectOps(dev, mem);
        // use up the low bank so a 32-bit coherent allocation has nowhere to go
        Assert.NotNull(mem.AllocPages(2 * GiB - 4 * KiB));
        var last = ops.AllocCoherent(100)!;
        Assert.Equal(0xFFFF_F000UL, last.DmaAddress);
        Assert.Null(ops.AllocCoherent(4096));
        Assert.Equal(0, ops.SetCoherentMask(DmaApi.BitMask(64)));
        Assert.True(ops.AllocCoherent(4096)!.DmaAddress > 0xFFFF_FFFF);
    }
}
