using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private int _nextI2cBus = -1, _nextSpiBus = -1, _nextSpmiCtrl;

    private static readonly DigestFields ChildBusesFields = new(typeof(DriverModel), [nameof(_nextI2cBus), nameof(_nextSpiBus), nameof(_nextSpmiCtrl)]);

    /// <summary>The dynamic bus numbers handed out so far (they name the next adapters' clients).</summary>
    private void DigestChildBuses(ref StateDigest d)
    {
        d.Add(_nextI2cBus);
        d.Add(_nextSpiBus);
        d.Add(_nextSpmiCtrl);
    }

    // after a successful probe: the children the driver creates (its plan), else the model's guesses
    private void OnDriverBoundCreateChildren(Device dev)
    {
        if (dev.Driver?.Spec.Plan is { } plan)
        {
            CreatePlanChildren(dev, plan);
            // a complete plan decides alone; an incomplete one may miss an adapter registration, so the name guess stays
            if (plan.Complete || dev.Node is null || dev.Bus != Platform && dev.Bus != Amba) return;
        }
        else
        {
            if (dev.Node is null || dev.Bus != Platform && dev.Bus != Amba) return;
            // of_platform_populate from the driver's probe: the children become platform devices below it (after the
            // probe here, so a child that asks its parent for a resource finds it registered, as drivers arrange)
            if (DriverPopulates(dev, out var parentless))
                OfPlatform.PopulateBelow(dev.Node, parentless ? null : dev);
        }
        var kind = dev.Node.BaseName;
        if (kind is "i2c" or "spi") CreateBusClients(dev, dev.Node, kind);
    }

    /// <summary>
    /// A bus controller's clients from the DT children of <paramref name="node"/>: i2c (of_i2c_register_devices), spi
    /// (of_register_spi_devices), sunxi-rsb (of_rsb_register_devices), spmi (of_spmi_register_devices), mdio (of_mdiobus_register).
    /// </summary>
    internal void CreateBusClients(Device dev, DtNode node, string busName)
    {
        int nr = busName switch
        {
            "i2c" => AliasNumber(node, "i2c") ?? NextDynamicBus("i2c", ref _nextI2cBus),
            "spi" => AliasNumber(node, "spi") ?? NextDynamicBus("spi", ref _nextSpiBus),
            // spmi_controller_alloc: ida number
            "spmi" => _nextSpmiCtrl++,
            _ => 0,
        };
        var bus = ClientBus(busName);
        if (bus is null) return;
        foreach (var child in node.Children)
        {
            if (!child.HasProperty("compatible") && busName != "mdio" || !child.IsAvailable) continue;
            if (FwIfAny(child)?.Dev is not null) continue;
            if (child.GetProperty("reg") is not { Value.Length: >= 4 } reg) continue;
            uint addr = reg.GetU32(0);
            var name = busName switch
            {
                "i2c" => $"{nr}-{addr & 0x3ff:x4}",
                "spi" => $"spi{nr}.{addr}",
                // rsb_device_create: dev_set_name("%s-%x", RSB_CTRL_NAME, hwaddr) (drivers/bus/sunxi-rsb.c:215)
                "sunxi-rsb" => $"sunxi-rsb-{addr:x}",
                // spmi_device_add: dev_set_name("%d-%02x", ctrl->nr, usid) (drivers/spmi/spmi.c:67)
                "spmi" => $"{nr}-{addr:x2}",
                // mdiobus PHY_ID_FMT "%s:%02x" with bus->id, which the MAC driver picks: its device name stands in
                _ => $"{dev.Name}:{addr:x2}",
            };
            var cdev = DeviceCreate(name, bus, child, dev);
            if (cdev is null) continue;
            if (busName == "i2c") cdev.SysfsParentSegment = $"i2c-{nr}";
            DeviceAdd(cdev);
        }
    }

    private BusType? ClientBus(string name) => name switch
    {
        "i2c" => I2c,
        "spi" => Spi,
        "sunxi-rsb" => Rsb,
        "spmi" => Spmi,
        "mdio" => Mdio,
        _ => null,
    };

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
