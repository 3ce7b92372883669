namespace ProbeSim.Kernel.Tests.Dma;

using ProbeSim.Kernel.Dma;

/// <summary>Shared set-ups: memory, an arm-smmu-like stage-1 domain, iommu-dma and dma-direct devices.</summary>
internal static class DmaRig
{
    public const ulong KiB = 1024;
    public const ulong MiB = 1024 * KiB;
    public const ulong GiB = 1024 * MiB;

    public static DmaDevice Pci(string name = "0000:01:00.0", int maskBits = 64, bool untrusted = false, bool coherent = true)
        => new() { Name = name, Driver = "nvme", IsPci = true, Untrusted = untrusted, Coherent = coherent, DmaMask = DmaApi.BitMask(maskBits), CoherentDmaMask = DmaApi.BitMask(maskBits) };

    public static DmaDevice Platform(string name = "ff100000.dma", int maskBits = 64, bool coherent = true)
        => new() { Name = name, Driver = "pl330", Coherent = coherent, DmaMask = DmaApi.BitMask(maskBits), CoherentDmaMask = DmaApi.BitMask(maskBits) };

    /// <summary>iommu-dma over a fresh 4K-granule, 48-bit stage-1 domain with its cookie initialised for the device.</summary>
    public static IommuDmaOps IommuDma(DmaDevice dev, IommuDmaOptions? options = null, DmaLogBuffer? log = null, PhysMemory? mem = null,
        Swiotlb? swiotlb = null, IReadOnlyList<IommuResvRegion>? regions = null)
    {
        log ??= new DmaLogBuffer();
        var domain = IommuPagingDomain.CreateArmSmmuS1(log);
        var ops = new IommuDmaOps(dev, domain, mem ?? PhysMemory.TypicalArm64(), options, swiotlb, log);
        Assert.Equal(0, ops.InitDomain(regions));
        return ops;
    }
}
