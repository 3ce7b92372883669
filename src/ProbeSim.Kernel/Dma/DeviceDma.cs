using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Iommu;

namespace ProbeSim.Kernel.Dma;

/// <summary>Which dma_map_ops a device ends up with.</summary>
public enum DmaOpsKind
{
    /// <summary>Never configured (no probe reached dma_configure, or a non-OF device).</summary>
    None,
    /// <summary>arm64 swiotlb_dma_ops (v4.x).</summary>
    Swiotlb,
    /// <summary>dma-direct (with swiotlb bouncing when needed).</summary>
    Direct,
    /// <summary>iommu_dma_ops / dev->dma_iommu: DMA through the group's DMA domain.</summary>
    IommuDma,
    /// <summary>arm32 arm_dma_ops / arm_coherent_dma_ops.</summary>
    Arm,
    /// <summary>arm32 iommu_ops / iommu_coherent_ops over a dma_iommu_mapping.</summary>
    ArmIommu,
}

/// <summary>arm32 struct dma_iommu_mapping: an unmanaged domain the arch code (or an IOMMU driver) attached.</summary>
public sealed class ArmIommuMapping
{
    internal ArmIommuMapping(IommuDomain domain, IommuInstance? owner, bool shared) { Domain = domain; Owner = owner; Shared = shared; }
    public IommuDomain Domain { get; }
    /// <summary>The IOMMU driver instance that made it (third-party mapping), or null for the arch's own per-device mapping.</summary>
    public IommuInstance? Owner { get; }
    public bool Shared { get; }
    internal int Refs = 1;

    internal static readonly DigestFields DigestFields = new(typeof(ArmIommuMapping),
        [nameof(Domain), nameof(Owner), nameof(Shared), nameof(Refs)]);

    /// <summary>A mapping where it is referenced (a device's archdata, an IOMMU driver's shared one): its domain inline.</summary>
    internal static void Digest(ref StateDigest d, ArmIommuMapping? m)
    {
        if (m is null) { d.Add(0); return; }
        d.Add(StateDigest.Flags(true, m.Shared));
        d.Add(m.Refs);
        d.Add(m.Owner?.Order ?? -1);
        IommuDomain.Digest(ref d, m.Domain);
    }
}

/// <summary>The DMA side of a struct device: ops, coherency, masks, arch bookkeeping.</summary>
public sealed class DeviceDma
{
    public DmaOpsKind Ops { get; internal set; }
    public bool? Coherent { get; internal set; }
    public ulong DmaMask { get; internal set; } = 0xffff_ffffUL;
    public ulong CoherentMask { get; internal set; } = 0xffff_ffffUL;
    /// <summary>bus_dma_limit from dma-ranges (highest bus address), null = none.</summary>
    public ulong? BusDmaLimit { get; internal set; }
    /// <summary>CPU address minus bus address from dma-ranges (dma_pfn_offset / dma_range_map).</summary>
    public long RangeOffset { get; internal set; }
    /// <summary>The IOMMU of_iommu_configure found the last time it ran (the iommu argument of arch_setup_dma_ops).</summary>
    public IommuInstance? IommuFound { get; internal set; }
    /// <summary>Why of_iommu_configure left the device without an IOMMU, when it has iommus/iommu-map.</summary>
    public ProbeSim.Kernel.Of.OfIommuRule? NoIommuReason { get; internal set; }
    /// <summary>v6.12 dev->dma_iommu.</summary>
    public bool DmaIommu { get; internal set; }
    /// <summary>arm32 archdata.dma_ops_setup.</summary>
    public bool DmaOpsSetup { get; internal set; }
    /// <summary>arm32 archdata.mapping.</summary>
    public ArmIommuMapping? Mapping { get; internal set; }
    /// <summary>v4.4 arm64: the IOMMU attach waited on iommu_dma_masters for a BUS_NOTIFY_ADD_DEVICE (null: it did not wait).</summary>
    public Arm64QueuedAttach? QueuedAttach { get; internal set; }
    /// <summary>dma_configure completed in the current probe attempt (teardown site rule).</summary>
    internal bool ConfiguredThisProbe;
    /// <summary>iommu_device_use_default_domain took a reference (released by dma_cleanup).</summary>
    internal bool UsesDefaultDomain;
    /// <summary>What the scripted DMA activity did.</summary>
    public List<DmaEvent> Events { get; } = new();

    internal static readonly DigestFields DigestFields = new(typeof(DeviceDma),
        [nameof(Ops), nameof(Coherent), nameof(DmaMask), nameof(CoherentMask), nameof(BusDmaLimit), nameof(RangeOffset), nameof(IommuFound),
         nameof(NoIommuReason), nameof(DmaIommu), nameof(DmaOpsSetup), nameof(Mapping), nameof(QueuedAttach), nameof(ConfiguredThisProbe),
         nameof(UsesDefaultDomain), nameof(Events)]);

    /// <summary>The device's DMA state. Events go in by their count: RunDmaScript mixes each one into the kernel's DMA history as it records it.</summary>
    internal void Digest(ref StateDigest d)
    {
        var flags = (ulong)Ops | StateDigest.Flags(DmaIommu, DmaOpsSetup, ConfiguredThisProbe, UsesDefaultDomain, Coherent is not null, Coherent == true) << 8;
        d.Add(StateDigest.Pair(IommuFound?.Order ?? -1, (int)flags));
        d.Add(DmaMask);
        d.Add(CoherentMask);
        d.AddValue(NoIommuReason);
        // what most devices never have, behind one mark
        if (BusDmaLimit is null && RangeOffset == 0 && Mapping is null && QueuedAttach is null && Events.Count == 0)
            d.Add(0);
        else
        {
            d.Add(1);
            d.Add(BusDmaLimit);
            d.Add(RangeOffset);
            ArmIommuMapping.Digest(ref d, Mapping);
            d.AddValue(QueuedAttach);
            d.Add(Events.Count);
        }
    }
}

/// <summary>One DMA API call or device access, with its result in the kernel's terms.</summary>
/// <summary>One DMA API call or device access of a scripted activity; <paramref name="Live"/>: an access to a buffer still mapped.</summary>
public sealed record DmaEvent(long TimeUs, string Operation, ulong Size, ulong? DmaAddress, string Result, bool Live = false)
{
    /// <summary>The device's access faulted (the IOMMU stopped it); checks read this, not <see cref="Result"/>'s words.</summary>
    public bool Faulted { get; init; }
}
