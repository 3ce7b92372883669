using System.Runtime.CompilerServices;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// The PCI core (drivers/pci): the scan of a host bridge's hierarchy, below a DT host bridge (pci_host_probe from the
/// host bridge driver's probe) or an ACPI one on x86 (acpi_pci_root_add), the PCI bus's match, probe checks and
/// pci_dma_configure, and pci_device_group's walk of the functions. It owns whether the hierarchy was scanned, the host
/// bridge's node, and the device of each function.
/// </summary>
/// <remarks>
/// The wiring it uses from <see cref="Boot.Kernel"/>: the clock and the log, the profile settings, the PCI hierarchy and
/// the x86 platform (inputs), the pci bus, and the calls Linux also makes directly: device_add (driver core),
/// of_dma_configure_id (OF) and iommu_group_alloc (IOMMU core).
/// </remarks>
internal sealed partial class PciCore : Boot.KernelSubsystem
{
    private bool _enumerated;
    private DtNode? _hostNode;
    private readonly Dictionary<PciFunction, Device> _devices = new(ReferenceEqualityComparer.Instance);

    internal PciCore(Boot.Kernel kernel) : base(kernel) { }

    // --- the state digest

    internal static readonly DigestFields DigestFields = new(typeof(PciCore),
        [nameof(_enumerated), nameof(_hostNode)],
        (nameof(_k), DigestFields.Wiring),
        (nameof(_devices), "an index of the PCI devices by function: each such device's Pci, set when it is made (its name is the function's)"));

    /// <summary>Whether the hierarchy was scanned, and below which DT host bridge.</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(_enumerated);
        d.Add(_hostNode);
    }

    // --- read-only views for the rest of the kernel

    /// <summary>The DT host bridge node the hierarchy was scanned below (null before the scan, and on x86).</summary>
    internal DtNode? HostNode => _hostNode;

    /// <summary>The device registered for a function, if it was.</summary>
    internal Device? DeviceOf(PciFunction f) => _devices.GetValueOrDefault(f);

    // --- the scan

    private bool IsPciHost(DtNode node) => _k.PciTopology?.HostDtPath is { } p
        ? node.Path == p
        : PciHostCheck.IsHostBridge(node);

    // pci_host_probe from the host bridge driver's probe: scan, then pci_bus_add_devices (pcieport binds the ports)
    internal void HostProbe(Device host)
    {
        if (_k.PciTopology is not { } topo || _enumerated || host.Node is null || !IsPciHost(host.Node)) return;
        _enumerated = true;
        _hostNode = host.Node;
        AddFunctions(topo, host);
    }

    // acpi_init (subsys_initcall) -> acpi_pci_root_add -> pci_acpi_scan_root: the root bus is scanned and every function
    // registered, then pci_bus_add_devices
    internal void AcpiScanRoot(PciTopology topo)
    {
        if (_enumerated) return;
        _enumerated = true;
        Printk(LogLevel.Info, $"PCI host bridge to bus {topo.Domain:x4}:{topo.RootBus:x2}");
        AddFunctions(topo, null);
    }

    // pci_scan_child_bus + pci_bus_add_devices: each function registered below its bridge (or the host), in add order
    private void AddFunctions(PciTopology topo, Device? host)
    {
        foreach (var f in topo.AddOrder())
        {
            var parent = f.Parent is { } pb && _devices.TryGetValue(pb, out var pd) ? pd : host;
            var dev = _k.DriverCore.DeviceCreate(f.Name, _k.Pci, null, parent);
            if (dev is null) continue;
            if (f.Parent is null) dev.SysfsParentSegment = topo.HostName;
            dev.Pci = f;
            _devices[f] = dev;
            _k.DriverCore.DeviceAdd(dev);
        }
    }
}
