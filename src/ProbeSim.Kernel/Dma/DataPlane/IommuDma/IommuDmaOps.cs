namespace ProbeSim.Kernel.Dma;

/// <summary>
/// drivers/iommu/dma-iommu.c for one device: streaming and coherent mappings through a DMA domain's IOVA allocator
/// and page table. Several devices of one group share an <see cref="IommuDmaCookie"/>.
/// </summary>
public sealed partial class IommuDmaOps : IDmaOps
{
    private readonly OnceFlags _once = new();

    public IommuDmaOps(DmaDevice device, IommuDmaCookie cookie)
    {
        Device = device;
        Cookie = cookie;
        // iommu_dma_set_pci_32bit_workaround at probe
        Pci32BitWorkaround = device.IsPci && !cookie.Options.ForceDac;
    }

    /// <summary>A device with a domain and cookie of its own.</summary>
    public IommuDmaOps(DmaDevice device, IommuPagingDomain domain, PhysMemory memory, IommuDmaOptions? options = null,
        Swiotlb? swiotlb = null, IDmaLog? log = null, DmaClock? clock = null)
        : this(device, new IommuDmaCookie(domain, memory, options, swiotlb, log, clock))
    {
    }

    public string Name => "iommu-dma";

    public DmaDevice Device { get; }

    public IommuDmaCookie Cookie { get; }

    public IommuPagingDomain Domain => Cookie.Domain;

    public DmaStats Stats { get; } = new();

    /// <summary>dev->iommu->pci_32bit_workaround: try below 4 GiB first (cleared for good by the v6.6 sticky rule).</summary>
    public bool Pci32BitWorkaround { get; private set; }

    private IDmaLog Log => Cookie.Log;

    private IovaDomain Iovad => Cookie.Iovad ?? throw new InvalidOperationException("iommu_dma_init_domain has not run for this domain");

    /// <summary>iommu_dma_init_domain for this device.</summary>
    public int InitDomain(IReadOnlyList<IommuResvRegion>? regions = null, PciHostBridgeWindows? bridge = null) => Cookie.InitDomain(Device, regions, bridge);

    public void Advance(ulong us) => Cookie.Advance(us);

    /// <summary>iommu-dma has no dma_supported hook, so every mask is accepted.</summary>
    public int SetMask(ulong mask)
    {
        Device.DmaMask = mask;
        return 0;
    }

    public int SetCoherentMask(ulong mask)
    {
        Device.CoherentDmaMask = mask;
        return 0;
    }

    /// <summary>iommu_dma_map_page.</summary>
    public ulong MapPage(ulong phys, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        Stats.Maps++;
        var prot = DmaInfoToProt(dir, Device.Coherent, attrs);
        var iovad = Iovad;
        var bounced = false;

        // both start and size granule-aligned never need a bounce page
        if (DevUseSwiotlb(size, dir) && ((phys | size) & (iovad.Granule - 1)) != 0)
        {
            phys = MapSwiotlb(phys, size, dir, attrs);
            if (phys == DmaApi.MappingError)
            {
                Stats.MapErrors++;
                return DmaApi.MappingError;
            }

            bounced = true;
        }

        if (!Device.Coherent && (attrs & DmaAttrs.SkipCpuSync) == 0)
            Stats.CacheCleans++; // arch_sync_dma_for_device

        var iova = MapRaw(phys, size, prot, Device.DmaMask, cpu);
        if (iova == DmaApi.MappingError)
        {
            Stats.MapErrors++;
            if (bounced)
                Cookie.Swiotlb!.UnmapSingle(Device, phys, size, dir, attrs, Stats);
        }

        return iova;
    }

    /// <summary>iommu_dma_unmap_page.</summary>
    public void UnmapPage(ulong dmaAddr, ulong size, DmaDirection dir, DmaAttrs attrs = DmaAttrs.None, int cpu = 0)
    {
        Stats.Unmaps++;
        var phys = Domain.IovaToPhys(dmaAddr);
        if (phys == 0)
        {
            Log.Log(DmaLogLevel.Warning, KFmt.Warning("drivers/iommu/dma-iommu.c", "iommu_dma_unmap_page"));
            return;
        }

        if ((attrs & DmaAttrs.SkipCpuSync) == 0 && !Device.Coherent && dir != DmaDirection.ToDevice)
            Stats.CacheInvalidates++; // arch_sync_dma_for_cpu
        Cookie.Unmap(dmaAddr, size, cpu);
        if (Cookie.Swiotlb is { } tlb && tlb.IsSwiotlbBuffer(phys))
            tlb.UnmapSingle(Device, phys, size, dir, attrs, Stats);
    }

    /// <summary>iommu_dma_sync_single_for_cpu.</summary>
    public void SyncSingleForCpu(ulong dmaAddr, ulong size, DmaDirection dir)
    {
        if (Device.Coherent && !DevUseSwiotlb(size, dir))
            return;
        var phys = Domain.IovaToPhys(dmaAddr);
        if (!Device.Coherent && dir != DmaDirection.ToDevice)
            Stats.CacheInvalidates++;
        if (Cookie.Swiotlb is { } tlb && tlb.IsSwiotlbBuffer(phys))
            tlb.SyncForCpu(phys, size, dir, Stats);
    }

    /// <summary>iommu_dma_sync_single_for_device.</summary>
    public void SyncSingleForDevice(ulong dmaAddr, ulong size, DmaDirection dir)
    {
        if (Device.Coherent && !DevUseSwiotlb(size, dir))
            return;
        var phys = Domain.IovaToPhys(dmaAddr);
        if (Cookie.Swiotlb is { } tlb && tlb.IsSwiotlbBuffer(phys))
            tlb.SyncForDevice(phys, size, dir, Stats);
        if (!Device.Coherent)
            Stats.CacheCleans++;
    }

    /// <summary>A transaction by the device through the IOMMU (IOTLB first, then the page table).</summary>
    public DeviceAccessResult DeviceAccess(ulong dmaAddr, ulong length, bool write) => Domain.Access(dmaAddr, length, write);

    /// <summary>dma_info_to_prot.</summary>
    public static IommuProt DmaInfoToProt(DmaDirection dir, bool coherent, DmaAttrs attrs)
    {
        var prot = coherent ? IommuProt.Cache : IommuProt.None;
        if ((attrs & DmaAttrs.Privileged) != 0)
            prot |= IommuProt.Priv;
        return dir switch
        {
            DmaDirection.Bidirectional => prot | IommuProt.Read | IommuProt.Write,
            DmaDirection.ToDevice => prot | IommuProt.Read,
            DmaDirection.FromDevice => prot | IommuProt.Write,
            _ => IommuProt.None,
        };
    }

    // dev_use_swiotlb (CONFIG_SWIOTLB=y): untrusted devices, or kmalloc buffers a non-coherent device could share a
    // cache line with; whether the pool is active is only checked when a bounce is needed
    private bool DevUseSwiotlb(ulong size, DmaDirection dir) => Device.Untrusted || KmallocNeedsBounce(size, dir);

    // dma_kmalloc_needs_bounce
    private bool KmallocNeedsBounce(ulong size, DmaDirection dir)
        => Cookie.Options.KmallocBounce && !Device.Coherent && dir != DmaDirection.ToDevice
           && (size & (Cookie.Options.DmaCacheAlignment - 1)) != 0;

    // iommu_dma_map_swiotlb: bounce into a granule-aligned slot; untrusted devices see zeroed padding
    private ulong MapSwiotlb(ulong phys, ulong size, DmaDirection dir, DmaAttrs attrs)
    {
        var tlb = Cookie.Swiotlb;
        if (tlb is null)
        {
            if (_once.First("inactive"))
                Log.Log(DmaLogLevel.Warning, $"{Device.Prefix}DMA bounce buffers are inactive, unable to map unaligned transaction.");
            return DmaApi.MappingError;
        }

        var g = Iovad.Granule;
        var bounce = tlb.MapSingle(Device, phys, size, g - 1, dir, attrs, Log, Stats);
        if (bounce != DmaApi.MappingError && Device.Untrusted)
        {
            var pre = Bits.AlignDown(bounce, g);
            Cookie.Memory.Fill(pre, bounce - pre, 0);
            var post = bounce + size;
            Cookie.Memory.Fill(post, Bits.AlignUp(post, g) - post, 0);
        }

        return bounce;
    }
}
