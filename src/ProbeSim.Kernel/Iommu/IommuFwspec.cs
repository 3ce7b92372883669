using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Iommu;

/// <summary>
/// struct iommu_fwspec: the IOMMU node a master sits behind, the driver instance (ops) found for it — null while the
/// IOMMU has not registered (the "waiting" fwspec of v4.12+) — and the IDs of_xlate added, in order, duplicates kept.
/// </summary>
public sealed class IommuFwspec
{
    internal IommuFwspec(DtNode iommuNode, IommuInstance? ops) { IommuNode = iommuNode; Ops = ops; }
    public DtNode IommuNode { get; }
    public IommuInstance? Ops { get; internal set; }
    public List<uint> Ids { get; } = new();

    internal static readonly DigestFields DigestFields = new(typeof(IommuFwspec), [nameof(IommuNode), nameof(Ops), nameof(Ids)]);

    internal static void Digest(ref StateDigest d, IommuFwspec? f)
    {
        if (f is null) { d.Add(0); return; }
        d.Add(f.IommuNode);
        d.Add(f.Ops?.Order ?? -1);
        d.Add(f.Ids.Count);
        foreach (var id in f.Ids) d.Add(id);
    }
}

/// <summary>dev->iommu plus the group link: what the IOMMU core knows about one client device.</summary>
public sealed class DeviceIommu
{
    public IommuFwspec? Fwspec { get; internal set; }
    /// <summary>The instance that probed the device (dev->iommu->iommu_dev).</summary>
    public IommuInstance? Instance { get; internal set; }
    public IommuGroup? Group { get; internal set; }
    /// <summary>Why the IOMMU driver's probe_device last refused the device (null when it did not).</summary>
    public IommuProbeRefusal? ProbeRefusal { get; internal set; }
    /// <summary>v4.4 arm64: a private "fake default" DMA domain the arch code made for a group without one.</summary>
    internal IommuDomain? ArchPrivateDomain;
    /// <summary>What the last of_iommu_configure decided and why (the rule of the profile that applied), for explain.</summary>
    public ProbeSim.Kernel.Of.OfIommuRule? OfIommuRule { get; internal set; }
    /// <summary>The last of_iommu_configure returned -EPROBE_DEFER.</summary>
    public bool OfIommuDeferred { get; internal set; }
    /// <summary>When the last of_iommu_configure ran (simulated µs).</summary>
    public long? OfIommuAtUs { get; internal set; }
    /// <summary>Whether the device is untrusted (PCI below an external-facing port).</summary>
    public bool Untrusted { get; internal set; }

    internal static readonly DigestFields DigestFields = new(typeof(DeviceIommu),
        [nameof(Fwspec), nameof(Instance), nameof(Group), nameof(ProbeRefusal), nameof(ArchPrivateDomain), nameof(OfIommuRule),
         nameof(OfIommuDeferred), nameof(Untrusted)],
        (nameof(OfIommuAtUs), DigestFields.Timestamp));

    /// <summary>dev->iommu: the fwspec, the instance, the group (by id), the refusal, the arch's private domain inline.</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(StateDigest.Pair(Instance?.Order ?? -1, (int)StateDigest.Flags(OfIommuDeferred, Untrusted)));
        IommuGroup.DigestRef(ref d, Group);
        d.AddValue(OfIommuRule);
        // what most devices never have, behind one mark
        if (Fwspec is null && ProbeRefusal is null && ArchPrivateDomain is null)
            d.Add(0);
        else
        {
            d.Add(1);
            IommuFwspec.Digest(ref d, Fwspec);
            d.AddValue(ProbeRefusal);
            IommuDomain.Digest(ref d, ArchPrivateDomain);
        }
    }
}
