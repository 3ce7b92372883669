using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private OfPopulateOptions PopulateOptions => new()
    {
        ReservedMemoryDevices = S.ReservedMemoryDevices,
        ChosenFramebuffer = S.ChosenFramebuffer,
    };

    // of_platform_default_populate_init (arch_initcall_sync): create and add every device in DT order
    private void PopulateDefault()
    {
        var created = OfPlatformPopulate.DefaultPopulate(Tree, PopulateOptions, _ofPopulated);
        AddOfDevices(created, null);
    }

    private void AddOfDevices(IReadOnlyList<OfDevice> created, Device? parentOverride)
    {
        // keyed by node: the tree's nodes outlive this kernel, so their identity hashes are made once
        var map = new Dictionary<DtNode, Device>(ReferenceEqualityComparer.Instance);
        foreach (var od in created)
        {
            var parent = od.Parent is not null && map.TryGetValue(od.Parent.Node, out var p) ? p : parentOverride;
            var bus = od.Bus == OfBus.Amba ? Amba : Platform;
            var dev = DeviceCreate(od.Name, bus, od.Node, parent);
            if (dev is null) continue;
            map[od.Node] = dev;
            if (bus == Amba) dev.PeriphId = AmbaPeriphId(od.Node);
            OfDmaConfigureAtCreation(dev);
            DeviceAdd(dev);
        }
    }

    /// <summary>device_initialize + name; null (with the kernel's error) when the name is taken (sysfs collision).</summary>
    internal Device? DeviceCreate(string name, BusType bus, DtNode? node, Device? parent)
    {
        Tick(5);
        if (_byName.ContainsKey(name) && bus != I2c && bus != Spi)
        {
            // of_platform_device_create_pdata: of_device_add fails on the duplicate sysfs name and the node is unmarked
            Printk(LogLevel.Err, $"sysfs: cannot create duplicate filename '{bus.SysfsRoot}{name}'");
            if (node is not null) _duplicateNames[node] = name;
            return null;
        }
        var dev = new Device(_devices.Count, name, bus, node, parent);
        _devices.Add(dev);
        _byName.TryAdd(name, dev);
        parent?.Children.Add(dev);
        return dev;
    }

    private readonly Dictionary<DtNode, string> _duplicateNames = new(ReferenceEqualityComparer.Instance);

    private static readonly DigestFields OfPopulateFields = new(typeof(Kernel), [],
        (nameof(_duplicateNames), "why a node got no device, for reports: its name was taken (the device that took it is digested)"));

    // amba_device: periphid from arm,primecell-periphid, else the part number of an arm,plNNN compatible
    private static uint? AmbaPeriphId(DtNode node) => ProbeSim.Kernel.Drivers.PrimecellIds.PeriphidOf(node);
}
