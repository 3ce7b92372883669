namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>iommu-dma bounce buffers for untrusted devices, scatterlists and coherent allocations (R9.3, R9.8).</summary>
public class IommuDmaBufferTests
{
    [Fact]
    public void Untrusted_device_bounces_an_unaligned_buffer_and_sees_zeroed_padding()
    {
        var mem = PhysMemory.TypicalArm64();
        var swiotlb = new Swiotlb(mem);
        var ops = IommuDma(Pci(untrusted: true), mem: mem, swiotlb: swiotlb);
        var buf = mem.Kmalloc(512)!.Value;
        var data = Enumerable.Range(1, 512).Select(i => (byte)i).ToArray();
        mem.Write(buf, data);
        mem.Fill(swiotlb.Start, 4096, 0xAA); // leftovers in the pool

        var iova = ops.MapPage(buf, 512, DmaDirection.Bidirectional);
        Assert.Equal(0xFFFF_F000UL, iova);
        var seen = ops.DeviceAccess(iova, 512, write: true);
        Assert.True(swiotlb.IsSwiotlbBuffer(seen.Phys));
        Assert.Equal(data, mem.Read(seen.Phys, 512));
        Assert.All(mem.Read(seen.Phys + 512, 4096 - 512), b => Assert.Equal(0, b));
        Assert.Equal(1L, ops.Stats.Bounces);

        mem.Write(seen.Phys, new byte[] { 0xDE, 0xAD });       // the device writes
        ops.UnmapPage(iova, 512, DmaDirection.Bidirectional);  // ... and the data comes back
        Assert.Equal(new byte[] { 0xDE, 0xAD, 3 }, mem.Read(buf, 3));
        Assert.Equal(0, swiotlb.Used);
    }

    [Fact]
    public void Untrusted_device_without_active_swiotlb_cannot_map_unaligned_buffers()
    {
        var log = new DmaLogBuffer();
        var ops = IommuDma(Pci(untrusted: true), log: log);
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0x8000_0100, 512, DmaDirection.ToDevice));
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0x8000_0300, 512, DmaDirection.ToDevice));
        Assert.Equal(1, log.Count("nvme 0000:01:00.0: DMA bounce buffers are inactive, unable to map unaligned transaction."));
    }

    [Fact]
    public void A_full_bounce_pool_fails_the_mapping_with_the_kernel_message()
    {
        var log = new DmaLogBuffer();
        var mem = PhysMemory.TypicalArm64();
        var tiny = new Swiotlb(mem, size: 256 * KiB);
        var ops = IommuDma(Pci(untrusted: true), log: log, mem: mem, swiotlb: tiny);
        Assert.NotEqual(DmaApi.MappingError, ops.MapPage(0x8000_0100, 200 * KiB, DmaDirection.ToDevice));
        Assert.Equal(DmaApi.MappingError, ops.MapPage(0x8010_0100, 200 * KiB, DmaDirection.ToDevice));
        Assert.Contains("nvme 0000:01:00.0: swiotlb buffer is full (sz: 204800 bytes), total 128 (slots), used 100 (slots)", log.Lines.Select(l => l.Text));
    }

    [Fact]
    public void Untrusted_aligned_buffers_are_mapped_in_place()
    {
        var mem = PhysMemory.TypicalArm64();
        var ops = IommuDma(Pci(untrusted: true), mem: mem, swiotlb: new Swiotlb(mem));
        var page = mem.AllocPages(8 * KiB)!.Value;
        var iova = ops.MapPage(page, 8 * KiB, DmaDirection.ToDevice);
        Assert.Equal(page, ops.DeviceAccess(iova, 8 * KiB, false).Phys);
        Assert.Equal(0L, ops.Stats.Bounces);
    }

    [Fact]
    public void Map_sg_uses_one_iova_range_and_merges_granule_aligned_neighbours()
    {
        var ops = IommuDma(Pci());
        var sg = new Scatterlist(new PhysSegment(0x8000_0000, 0x1000), new PhysSegment(0x8800_0000, 0x1000), new PhysSegment(0x9000_0200, 0x100));
        Assert.Equal(2, ops.MapSg(sg, DmaDirection.ToDevice));
        Assert.Equal((0xFFFF_C000UL, 0x2000UL), (sg.Entries[0].DmaAddress, sg.Entries[0].DmaLength));
        Assert.Equal((0xFFFF_E200UL, 0x100UL), (sg.Entries[1].DmaAddress, sg.Entries[1].DmaLength));
        Assert.Equal((DmaApi.MappingError, 0UL), (sg.Entries[2].DmaAddress, sg.Entries[2].DmaLength));
        Assert.Equal(0x8800_0000UL, ops.DeviceAccess(0xFFFF_D000, 16, false).Phys);
        Assert.Equal(0x9000_0200UL, ops.DeviceAccess(0xFFFF_E200, 16, false).Phys);
        ops.UnmapSg(sg, DmaDirection.ToDevice);
        Assert.Equal(DmaAccessFault.Translation, ops.DeviceAccess(0xFFFF_C000, 16, false).Fault);
        Assert.Equal(0UL, ops.Domain.IovaToPhys(0xFFFF_E000));
    }

    [Fact]
    public void Map_sg_pads_so_no_segment_crosses_the_boundary_mask()
    {
        var ops = IommuDma(Platform() with { SegmentBoundaryMask = 0xFFFF });
        var sg = new Scatterlist(new PhysSegment(0x8000_0000, 48 * KiB), new PhysSegment(0x9000_0000, 32 * KiB));
        Assert.Equal(2, ops.MapSg(sg, DmaDirection.FromDevice));
        var base0 = sg.Entries[0].DmaAddress;
        Assert.Equal(0UL, base0 & 0xFFFF);
        Assert.Equal(base0 + 0x1_0000, sg.Entries[1].DmaAddress);
        Assert.Equal(0x9000_0000UL, ops.DeviceAccess(sg.Entries[1].DmaAddress, 4, true).Phys);
    }

    [Fact]
    public void Coherent_allocations_use_the_coherent_mask_and_are_zeroed()
    {
        var mem = PhysMemory.TypicalArm64();
        var dev = Platform() with { CoherentDmaMask = DmaApi.BitMask(32) };
        var ops = IommuDma(dev, mem: mem);
        var dirty = mem.AllocPages(4 * KiB)!.Value;
        mem.Fill(dirty, 4096, 0x55);
        mem.FreePages(dirty);

        var buf = ops.AllocCoherent(4 * KiB)!;
        Assert.Equal(0xFFFF_F000UL, buf.DmaAddress);
        Assert.Equal(dirty, buf.CpuPhys);
        Assert.All(mem.Read(buf.CpuPhys, 4096), b => Assert.Equal(0, b));
        Assert.Equal(0xFFFF_FFFF_F000UL, ops.MapPage(0x8800_0000, 4 * KiB, DmaDirection.ToDevice));

        ops.FreeCoherent(buf);
        Assert.Equal(DmaAccessFault.Translation, ops.DeviceAccess(0xFFFF_F000, 4, false).Fault);
    }

    [Fact]
    public void Large_coherent_allocations_take_2M_pages_and_map_them_as_blocks()
    {
        var ops = IommuDma(Pci());
        var buf = ops.AllocCoherent(4 * MiB)!;
        Assert.Equal(new[] { 2 * MiB, 2 * MiB }, buf.Pages.Select(p => p.Length));
        Assert.Equal(0UL, buf.DmaAddress & (4 * MiB - 1));
        Assert.True(ops.Domain.PageTable.TryTranslate(buf.DmaAddress, out _, out _, out var leaf, out _));
        Assert.Equal(2 * MiB, leaf);
        var contiguous = ops.AllocCoherent(8 * KiB, DmaAttrs.ForceContiguous)!;
        Assert.True(contiguous.Contiguous);
        Assert.Equal(contiguous.CpuPhys + 0x1000, ops.DeviceAccess(contiguous.DmaAddress + 0x1000, 4, true).Phys);
    }
}
