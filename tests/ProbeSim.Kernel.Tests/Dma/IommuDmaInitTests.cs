namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;
using static DmaRig;

/// <summary>iommu_dma_init_domain (R9.2): start pfn, reserved regions, host-bridge windows, error messages.</summary>
public class IommuDmaInitTests
{
    [Fact]
    public void Iova_page_zero_is_never_used_and_the_aperture_start_moves_the_start_pfn()
    {
        Assert.Equal(1UL, IommuDma(Platform()).Cookie.Iovad!.StartPfn);
        var pt = new ArmLpaePageTable(ArmLpaeGeometry.Create(4096));
        var domain = new IommuPagingDomain(pt, apertureStart: 0x1000_0000, apertureEnd: DmaApi.BitMask(48));
        var ops = new IommuDmaOps(Platform(), domain, PhysMemory.TypicalArm64());
        Assert.Equal(0, ops.InitDomain());
        Assert.Equal(0x1_0000UL, ops.Cookie.Iovad!.StartPfn);
        Assert.Equal(4096UL, ops.Cookie.Iovad.Granule);
    }

    [Fact]
    public void Dma_ranges_wholly_outside_the_aperture_are_EFAULT()
    {
        var log = new DmaLogBuffer();
        var dev = Platform() with { DmaRanges = new[] { new BusDmaRegion(0x8000_0000, 1UL << 50, 1 * GiB) } };
        var ops = new IommuDmaOps(dev, IommuPagingDomain.CreateArmSmmuS1(log), PhysMemory.TypicalArm64(), log: log);
        Assert.Equal(-14, ops.InitDomain());
        Assert.Equal((DmaLogLevel.Warning, "specified DMA range outside IOMMU capability"), log.Lines.Single());
        Assert.Null(ops.Cookie.Iovad);
    }

    [Fact]
    public void A_second_device_on_the_same_domain_reuses_the_allocator()
    {
        var first = IommuDma(Pci("0000:01:00.0"));
        var second = new IommuDmaOps(Pci("0000:01:00.1"), first.Cookie);
        var iovad = first.Cookie.Iovad;
        Assert.Equal(0, second.InitDomain());
        Assert.Same(iovad, second.Cookie.Iovad);
        Assert.Equal(0xFFFF_F000UL, first.MapPage(0x8000_0000, 4 * KiB, DmaDirection.ToDevice));
        Assert.Equal(0xFFFF_E000UL, second.MapPage(0x8000_1000, 4 * KiB, DmaDirection.ToDevice));
    }

    [Fact]
    public void Sw_msi_is_left_alone_other_regions_are_reserved_and_direct_ones_mapped_1_to_1()
    {
        var regions = new[]
        {
            IommuResvRegion.ArmSmmuSwMsi,
            new IommuResvRegion(0xFFF0_0000, 0x10_0000, IommuResvType.Reserved),
            new IommuResvRegion(0x9000_0000, 0x2000, IommuResvType.Direct),
        };
        var ops = IommuDma(Platform(maskBits: 32), regions: regions);
        var iovad = ops.Cookie.Iovad!;
        Assert.Null(iovad.FindIova(0x800_0000 >> 12));
        Assert.NotNull(iovad.FindIova(0xFFF0_0000 >> 12));
        Assert.NotNull(iovad.FindIova(0x9000_1000 >> 12));
        Assert.Equal(0x9000_1000UL, ops.Domain.IovaToPhys(0x9000_1000));
        Assert.Equal(0xFFEF_F000UL, ops.MapPage(0x8000_0000, 4 * KiB, DmaDirection.ToDevice));
    }

    [Fact]
    public void Pci_host_bridge_windows_and_dma_range_holes_are_reserved()
    {
        var log = new DmaLogBuffer();
        var bridge = new PciHostBridgeWindows(new[] { (0x4000_0000UL, 0x4FFF_FFFFUL) }, new[] { (0UL, 0xFFFF_FFFFUL) });
        var ops = new IommuDmaOps(Pci(), IommuPagingDomain.CreateArmSmmuS1(log), PhysMemory.TypicalArm64(), log: log);
        Assert.Equal(0, ops.InitDomain(bridge: bridge));
        var iovad = ops.Cookie.Iovad!;
        Assert.NotNull(iovad.FindIova(0x4800_0000 >> 12));
        Assert.NotNull(iovad.FindIova(0x1_0000_0000 >> 12)); // above the only dma-range
        Assert.Null(iovad.FindIova(0x8000_0000 >> 12));
    }

    [Fact]
    public void Overlapping_dma_ranges_fail_with_the_kernel_message()
    {
        var log = new DmaLogBuffer();
        var bridge = new PciHostBridgeWindows(Array.Empty<(ulong, ulong)>(), new[] { (0UL, 0x7FFF_FFFFUL), (0x4000_0000UL, 0xBFFF_FFFFUL) });
        var ops = new IommuDmaOps(Pci(), IommuPagingDomain.CreateArmSmmuS1(log), PhysMemory.TypicalArm64(), log: log);
        Assert.Equal(-22, ops.InitDomain(bridge: bridge));
        Assert.Equal("nvme 0000:01:00.0: Failed to reserve IOVA [0x0000000080000000-0x0000000040000000]", log.Lines.Single().Text);
    }

    [Fact]
    public void Mapping_before_init_is_a_programming_error()
    {
        var ops = new IommuDmaOps(Pci(), IommuPagingDomain.CreateArmSmmuS1(), PhysMemory.TypicalArm64());
        Assert.Throws<InvalidOperationException>(() => ops.MapPage(0x8000_0000, 4096, DmaDirection.ToDevice));
    }
}
