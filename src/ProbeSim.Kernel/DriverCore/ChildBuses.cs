using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    private int _nextI2cBus = -1, _nextSpiBus = -1;

    // i2c_register_adapter -> of_i2c_register_devices; spi_register_controller -> of_register_spi_devices
    private void OnDriverBoundCreateChildren(Device dev)
    {
        if (dev.Node is null || dev.Bus != Platform && dev.Bus != Amba) return;
        // of_platform_populate from the driver's probe: the children become platform devices below it (after the
        // probe here, so a child that asks its parent for a resource finds it registered, as drivers arrange)
        if (DriverPopulates(dev, out var parentless))
            AddOfDevices(OfPlatformPopulate.Populate(dev.Node, null, PopulateOptions, _ofPopulated), parentless ? null : dev);
        var kind = dev.Node.BaseName;
        if (kind != "i2c" && kind != "spi") return;
        bool i2c = kind == "i2c";
        int nr = AliasNumber(dev.Node, kind) ?? NextDynamicBus(kind, ref i2c ? ref _nextI2cBus : ref _nextSpiBus);
        foreach (var child in dev.Node.Children)
        {
            if (!child.HasProperty("compatible") || !child.IsAvailable) continue;
            if (FwIfAny(child)?.Dev is not null) continue;
            if (child.GetProperty("reg") is not { Value.Length: >= 4 } reg) continue;
            uint addr = reg.GetU32(0);
            var name = i2c ? $"{nr}-{addr & 0x3ff:x4}" : $"spi{nr}.{addr}";
            var cdev = DeviceCreate(name, i2c ? I2c : Spi, child, dev);
            if (cdev is null) continue;
            if (i2c) cdev.SysfsParentSegment = $"i2c-{nr}";
            DeviceAdd(cdev);
        }
    }

    /// <summary>The scenario's populate: for this driver, else the first item of the profile's list that matches the node.</summary>
    private bool DriverPopulates(Device dev, out bool parentless)
    {
        parentless = false;
        if (dev.Driver?.Spec.PopulatesChildren is { } set) return set;
        if (S.OfPopulatingDrivers.FirstOrDefault(d => CompatiblePattern.Matches(d.Pattern, dev.Node!)) is not { } item) return false;
        parentless = item.Parentless;
        return true;
    }

    private int? AliasNumber(DtNode node, string stem)
    {
        if (Tree.Root.GetChild("aliases") is not { } aliases) return null;
        foreach (var p in aliases.Properties)
            if (p.Name.StartsWith(stem, StringComparison.Ordinal) && int.TryParse(p.Name.AsSpan(stem.Length), out var n) && p.AsString() == node.Path)
                return n;
        return null;
    }

    // __i2c_first_dynamic_bus_num: dynamic numbers start after the highest alias
    private int NextDynamicBus(string stem, ref int next)
    {
        if (next < 0)
        {
            next = 0;
            if (Tree.Root.GetChild("aliases") is { } aliases)
                foreach (var p in aliases.Properties)
                    if (p.Name.StartsWith(stem, StringComparison.Ordinal) && int.TryParse(p.Name.AsSpan(stem.Length), out var n) && n >= next) next = n + 1;
        }
        return next++;
    }
}
