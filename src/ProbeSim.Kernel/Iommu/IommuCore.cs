using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Iommu;

/// <summary>
/// The IOMMU core (drivers/iommu/iommu.c, the registration side of of_iommu.c, and the IOMMU drivers' probe_device and
/// device_group): it owns the IOMMU instances, the per-bus ops, the groups, the domains and the default-domain policy.
/// Other subsystems read it through the views below and call its API (iommu_probe_device, iommu_attach_*, the DMA-owner
/// calls); the driver core reaches it only through the bus notifier chains it subscribes to (IommuCore.BusNotifier.cs).
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the command line, the
/// boot schedule (fault injection), the board architecture, the driver set's early tables, the buses, the device-tree
/// index, and the calls into other subsystems the kernel also makes directly: dev_err_probe (driver core), the iommus
/// parse (OF), pci_device_group's walk of the PCI functions (PCI) and arm_iommu_attach_device (arm32 DMA mapping).
/// </remarks>
internal sealed partial class IommuCore : Boot.KernelSubsystem
{
    /// <summary>iommu_buses[]: platform, pci, amba (the fixed list registration walks).</summary>
    private readonly BusType[] _buses;

    internal IommuCore(Boot.Kernel kernel) : base(kernel)
    {
        _buses = new[] { kernel.Platform, kernel.Pci, kernel.Amba };
        GroupNotifier = new NotifierChain<IommuGroupNotify>();
        SubscribeBusNotifiers();
    }

    // --- the state digest: each file's part next to its fields, composed here

    private static readonly DigestFields CoreFields = new(typeof(IommuCore), [],
        (nameof(_k), DigestFields.Wiring), (nameof(_buses), DigestFields.Input + " (iommu_buses[])"),
        (nameof(GroupNotifier), "the group notifier chain: blocks registered when the kernel is made (wiring)"));

    /// <summary>The parts of the IOMMU core's digest, one per file that holds fields.</summary>
    internal static IReadOnlyList<DigestFields> DigestParts =>
        [CoreFields, DefaultDomainFields, DomainsFields, GroupsFields, NamedDomainsFields, RegisterFields];

    /// <summary>The IOMMU core's state: default-domain policy, domain numbers, groups, named domains, instances and bus ops.</summary>
    internal void Digest(ref StateDigest d)
    {
        DigestDefaultDomain(ref d);
        DigestDomains(ref d);
        DigestGroups(ref d);
        DigestNamedDomains(ref d);
        DigestRegister(ref d);
    }

    // --- read-only views for the rest of the kernel, the result and the digest

    /// <summary>Registered IOMMU instances (iommu_device_list), in registration order.</summary>
    internal IReadOnlyList<IommuInstance> Registered => _iommus;

    /// <summary>Every IOMMU driver instance that probed, registered or not.</summary>
    internal IReadOnlyList<IommuInstance> Instances => _iommuInstances;

    /// <summary>The buses of iommu_buses[], in their fixed order.</summary>
    internal IReadOnlyList<BusType> Buses => _buses;

    /// <summary>bus->iommu_ops (until v6.7): the instance standing for the driver that set them, or null.</summary>
    internal IommuInstance? BusOps(BusType bus) => _busOps.GetValueOrDefault(bus);

    /// <summary>Live IOMMU groups in id order.</summary>
    internal IEnumerable<IommuGroup> Groups => _groups.Where(g => !g.Freed).OrderBy(g => g.Id);

    /// <summary>A node an IOMMU driver binds to: it has #iommu-cells.</summary>
    internal static bool IsIommuNode(DtNode? node) => node is not null && node.HasProperty("#iommu-cells");

    // --- the wiring, named as the moved rules use it (the clock, settings and log: Boot.KernelSubsystem)

    private bool Arm32 => _k.Arm32;
    private IBootSchedule Schedule => _k.Schedule;
    private BusType Platform => _k.Platform;
    private BusType Pci => _k.Pci;
}
