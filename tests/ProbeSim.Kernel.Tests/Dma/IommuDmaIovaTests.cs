namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>dma-iommu.c iommu_dma_alloc_iova: limits, PCI 32-bit-first and its v6.6 sticky fallback (R9.3, R9.4).</summary>
public class IommuDmaIovaTests
{
    // everything below 4 GiB reserved except the top 64 pages (256 KiB)
    private static readonly IommuResvRegion[] Top64PagesFree = { new(0x1000, 0xFFFC_0000 - 0x1000, IommuResvType.Reserved) };

    [Fact]
    public void Pci_falls_back_above_4GiB_once_and_v6_6_makes_it_sticky_with_one_notice()
    {
        var log = new DmaLogBuffer();
        var ops = IommuDma(Pci(), IommuDmaOptions.V66, log, regions: Top64PagesFree);
        var mem = ops.Cookie.Memory;
        var a = ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice);
        Assert.Equal(0xFFFC_0000UL, a);
        var b = ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice);
        Assert.Equal(0xFFFF_FFFC_0000UL, b); // the limit is the 48-bit aperture end
        Assert.Equal((DmaLogLevel.Notice, "nvme 0000:01:00.0: Using 48-bit DMA addresses"), log.Lines.Single());
        Assert.False(ops.Pci32BitWorkaround);

        ops.UnmapPage(a, 256 * KiB, DmaDirection.ToDevice); // 64 pages: not cached, back in the tree
        var c = ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice);
        Assert.Equal(0xFFFF_FFF8_0000UL, c); // no more 32-bit tries
        Assert.Single(log.Lines);
    }

    [Fact]
    public void V5_x_tries_below_4GiB_on_every_allocation_silently()
    {
        var log = new DmaLogBuffer();
        var ops = IommuDma(Pci(), IommuDmaOptions.V519, log, regions: Top64PagesFree);
        var mem = ops.Cookie.Memory;
        var a = ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice);
        var b = ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice);
        Assert.Equal((0xFFFC_0000UL, 0xFFFF_FFFC_0000UL), (a, b));
        ops.UnmapPage(a, 256 * KiB, DmaDirection.ToDevice);
        Assert.Equal(0xFFFC_0000UL, ops.MapPage(mem.AllocPages(256 * KiB)!.Value, 256 * KiB, DmaDirection.ToDevice));
        Assert.Empty(log.Lines);
    }

    [Fact]
    public void Forcedac_platform_devices_and_32bit_masks_skip_the_32bit_try()
    {
        var forced = IommuDma(Pci(), IommuDmaOptions.V66 with { ForceDac = true });
        Assert.Equal(0xFFFF_FFFF_F000UL, forced.MapPage(0x8000_0000, 4 * KiB, DmaDirection.FromDevice));
        var platform = IommuDma(Platform());
        Assert.Equal(0xFFFF_FFFF_F000UL, platform.MapPage(0x8000_0000, 4 * KiB, DmaDirection.FromDevice));
        var pci32 = IommuDma(Pci(maskBits: 32));
        Assert.Equal(0xFFFF_F000UL, pci32.MapPage(0x8000_0000, 4 * KiB, DmaDirection.FromDevice));
    }

    [Fact]
    public void Bus_dma_limit_and_mask_bound_the_iova()
    {
        var dev = Platform() with { BusDmaLimit = DmaApi.BitMask(34) };
        var ops = IommuDma(dev);
        Assert.Equal(0x3_FFFF_F000UL, ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.ToDevice));
        Assert.Equal(0, ops.SetMask(DmaApi.BitMask(31))); // iommu-dma accepts any mask
        Assert.Equal(0x7FFF_F000UL, ops.MapPage(0x8000_1000, 4 * KiB, DmaDirection.ToDevice));
    }

    [Fact]
    public void The_offset_into_the_first_granule_is_kept_and_counted_in_the_size()
    {
        var ops = IommuDma(Pci());
        Assert.Equal(0xFFFF_F234UL, ops.MapPage(0x8000_1234, 0x100, DmaDirection.ToDevice));
        // 0x200 bytes from 0xF00 straddle two granules: a 2-page IOVA
        var iova = ops.MapPage(0x8001_0F00, 0x200, DmaDirection.ToDevice);
        Assert.Equal(0xFFFF_CF00UL, iova);
        Assert.Equal(0x8001_1000UL, ops.DeviceAccess(iova + 0x100, 1, false).Phys);
    }

    [Fact]
    public void Prot_follows_direction_coherency_and_privilege()
    {
        Assert.Equal(IommuProt.Read | IommuProt.Cache, IommuDmaOps.DmaInfoToProt(DmaDirection.ToDevice, true, DmaAttrs.None));
        Assert.Equal(IommuProt.Write, IommuDmaOps.DmaInfoToProt(DmaDirection.FromDevice, false, DmaAttrs.None));
        Assert.Equal(IommuProt.Read | IommuProt.Write | IommuProt.Priv,
            IommuDmaOps.DmaInfoToProt(DmaDirection.Bidirectional, false, DmaAttrs.Privileged));
        var ops = IommuDma(Pci());
        var iova = ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.ToDevice);
        Assert.Equal(DmaAccessFault.Permission, ops.DeviceAccess(iova, 4, write: true).Fault);
    }
}
