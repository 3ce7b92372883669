using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Of;

// Population (of_platform_populate): the platform and amba devices made from the tree
internal sealed partial class OfPlatform
{
    private OfPopulateOptions PopulateOptions => new()
    {
        ReservedMemoryDevices = S.ReservedMemoryDevices,
        ChosenFramebuffer = S.ChosenFramebuffer,
    };

    // of_platform_default_populate_init (arch_initcall_sync): create and add every device in DT order
    internal void PopulateDefault()
    {
        var created = OfPlatformPopulate.DefaultPopulate(Tree, PopulateOptions, _ofPopulated);
        AddOfDevices(created, null);
    }

    // of_platform_populate from a bus driver's probe (simple-pm-bus, an MFD, a bus controller): the children of a node
    internal void PopulateBelow(DtNode root, Device? parent) =>
        AddOfDevices(OfPlatformPopulate.Populate(root, null, PopulateOptions, _ofPopulated), parent);

    private void AddOfDevices(IReadOnlyList<OfDevice> created, Device? parentOverride)
    {
        // keyed by node: the tree's nodes outlive this kernel, so their identity hashes are made once
        var map = new Dictionary<DtNode, Device>(ReferenceEqualityComparer.Instance);
        foreach (var od in created)
        {
            var parent = od.Parent is not null && map.TryGetValue(od.Parent.Node, out var p) ? p : parentOverride;
            var bus = od.Bus == OfBus.Amba ? Amba : Platform;
            var dev = _k.DriverCore.DeviceCreate(od.Name, bus, od.Node, parent);
            if (dev is null) continue;
            map[od.Node] = dev;
            if (bus == Amba) dev.PeriphId = AmbaPeriphId(od.Node);
            OfDmaConfigureAtCreation(dev);
            _k.DriverCore.DeviceAdd(dev);
        }
    }

    private readonly Dictionary<DtNode, string> _duplicateNames = new(ReferenceEqualityComparer.Instance);

    private static readonly DigestFields PopulateFields = new(typeof(OfPlatform), [],
        (nameof(_duplicateNames), "why a node got no device, for reports: its name was taken (the device that took it is digested)"));

    /// <summary>The name a node could not take because another device had it (its device was not made).</summary>
    internal string? DuplicateNameOf(DtNode node) => _duplicateNames.GetValueOrDefault(node);

    // of_device_add's failure on a taken sysfs name: the node stays without a device
    internal void RecordDuplicateName(DtNode node, string name) => _duplicateNames[node] = name;

    // amba_device: periphid from arm,primecell-periphid, else the part number of an arm,plNNN compatible
    private static uint? AmbaPeriphId(DtNode node) => ProbeSim.Kernel.Drivers.PrimecellIds.PeriphidOf(node);
}
