using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

// Domains: allocation (with its sequence number), release, ops->attach_dev and moving a whole group.
internal sealed partial class IommuCore
{
    private int _domainSeq;

    private static readonly DigestFields DomainsFields = new(typeof(IommuCore), [nameof(_domainSeq)]);

    // the next domain's number: the domain-alloc fault site counts by it
    private void DigestDomains(ref StateDigest d) => d.Add(_domainSeq);

    // ops->domain_alloc: IDENTITY needs driver support, DMA types need iommu-dma (not on arm32)
    internal IommuDomain? IommuDomainAlloc(IommuDomainType type, IommuInstance inst, string purpose = "default")
    {
        if (type == IommuDomainType.Identity && !inst.Traits.Identity) return null;
        if (IommuDomainTypes.IsDmaApi(type) && Arm32) return null;
        // fault injection: the allocation fails (kzalloc in the driver's domain_alloc)
        if (Schedule.Active && Schedule.Fault(_k, FaultSite.DomainAlloc, inst.Device, _domainSeq) != 0) return null;
        // per-device allocation (v6.8+) ties the domain to its instance at once; arm-smmu does it at first attach
        var owner = S.IommuBusOps ? null : inst;
        return new IommuDomain(_domainSeq++, type, owner) { Purpose = purpose };
    }

    // iommu_domain_free: arm-smmu releases the context bank
    internal static void IommuDomainFree(IommuDomain domain)
    {
        if (domain.ContextBank is { } cb && domain.Owner is { } o) o.FreeContextBank(cb);
        domain.ContextBank = null;
        domain.Attached.Clear();
    }

    /// <summary>ops->attach_dev: the domain is tied to the first instance; a translating domain takes a context bank there.</summary>
    internal int IommuAttachDevice(IommuDomain domain, Device dev, IommuInstance inst)
    {
        if (domain.Attached.Contains(dev)) return 0;
        if (domain.Owner is { } owner && owner != inst)
        {
            // arm_smmu_attach_dev: a domain already set up on another SMMU
            if (inst.Traits.Kind == IommuKind.ArmSmmu && !S.IommuGroupLogV5)
                DevPrintk(LogLevel.Err, dev, $"cannot attach to SMMU {inst.Device.Name} whilst already attached to domain on SMMU {owner.Device.Name}");
            return -EINVAL;
        }
        if (domain.ContextBank is null && IommuDomainTypes.Translates(domain.Type) && inst.Traits.ContextBanks is not null)
        {
            // arm_smmu_init_domain_context: __arm_smmu_alloc_bitmap -> -ENOSPC when every context bank is taken
            var cb = inst.AllocContextBank();
            if (cb is null) return -ENOSPC;
            domain.ContextBank = cb;
        }
        domain.Owner ??= inst;
        domain.Attached.Add(dev);
        return 0;
    }

    private static void DetachAll(IommuDomain? domain, IommuGroup group)
    {
        if (domain is null) return;
        foreach (var d in group.Devices) domain.Attached.Remove(d);
    }

    // __iommu_group_set_domain: move every device; a failure restores the old domain
    internal int SwitchGroupDomain(IommuGroup group, IommuDomain target)
    {
        var old = group.Domain;
        foreach (var d in group.Devices)
        {
            int r = IommuAttachDevice(target, d, d.Iommu.Instance!);
            if (r != 0)
            {
                DetachAll(target, group);
                return r;
            }
        }
        if (old is not null && old != target) DetachAll(old, group);
        group.Domain = target;
        return 0;
    }
}
