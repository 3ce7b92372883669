using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    /// <summary>device_initialize + name; null (with the kernel's error) when the name is taken (sysfs collision).</summary>
    internal Device? DeviceCreate(string name, BusType bus, DtNode? node, Device? parent)
    {
        Tick(5);
        if (_byName.ContainsKey(name) && bus != I2c && bus != Spi)
        {
            // of_platform_device_create_pdata: of_device_add fails on the duplicate sysfs name and the node is unmarked
            Printk(LogLevel.Err, $"sysfs: cannot create duplicate filename '{bus.SysfsRoot}{name}'");
            if (node is not null) OfPlatform.RecordDuplicateName(node, name);
            return null;
        }
        var dev = new Device(_devices.Count, name, bus, node, parent);
        _devices.Add(dev);
        _byName.TryAdd(name, dev);
        parent?.Children.Add(dev);
        return dev;
    }
}
