using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ActionReturn = ProbeSim.Kernel.Boot.Kernel.ActionReturn;

namespace ProbeSim.Kernel.Iommu;

// A kernel driver's own domains (scripted as user actions): allocated once by name, attached and detached by name.
internal sealed partial class IommuCore
{
    private readonly Dictionary<string, IommuDomain> _namedDomains = new(StringComparer.Ordinal);

    private static readonly DigestFields NamedDomainsFields = new(typeof(IommuCore), [nameof(_namedDomains)]);

    // looked up by name: unordered
    private void DigestNamedDomains(ref StateDigest d)
    {
        var named = new StateDigest.Unordered();
        foreach (var (name, dom) in _namedDomains)
        {
            var e = new StateDigest();
            e.Add(name);
            IommuDomain.Digest(ref e, dom);
            named.Add(e);
        }
        d.Add(named);
    }

    /// <summary>A kernel driver attaches its own domain NAME to the device (iommu_attach_device) or to its group (iommu_attach_group).</summary>
    internal ActionReturn AttachNamedDomain(Device dev, IommuGroup group, string name, bool single)
    {
        if (dev.Iommu.Instance is not { } inst) return new(-ENODEV, new NoIommuGroup());
        if (!_namedDomains.TryGetValue(name, out var dom))
        {
            // iommu_domain_alloc / iommu_paging_domain_alloc by the kernel driver
            dom = IommuDomainAlloc(IommuDomainType.Unmanaged, inst, name);
            if (dom is null) return new(-ENOMEM, new DomainAllocFailed());
            _namedDomains[name] = dom;
        }
        // iommu_attach_device: only a device alone in its group (-EINVAL)
        if (single && group.Devices.Count != 1)
            return new(-EINVAL, new GroupHasSeveralDevices(group.Id, IommuRefusals.Members(group.Devices)));
        int r = single ? IommuAttachSingle(dom, dev) : IommuAttachGroup(dom, group);
        return new(r, r == -EBUSY ? IommuRefusals.OffDefaultDomain(group) : null);
    }

    /// <summary>The kernel driver detaches its domain NAME from the group (iommu_detach_group); an unknown name does nothing.</summary>
    internal void DetachNamedDomain(IommuGroup group, string name)
    {
        if (_namedDomains.TryGetValue(name, out var d)) IommuDetachGroup(d, group);
    }
}
