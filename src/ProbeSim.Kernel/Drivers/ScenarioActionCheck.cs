using System.Text.RegularExpressions;
using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Checks a scenario's user actions against the board they are applied to, before the boot: the device an action
/// names must be one the board can have, and the driver or module it names must be in the driver set. Without the
/// check such an action just returns -ENODEV at its time, which only the JSON shows.
/// <para>A device is named as <c>UserSpace.ResolveDevice</c> takes it: a DT path or a label of the board, or a device
/// name the kernel model can give one of the board's devices: <c>of_device_make_bus_id</c>'s name of any node
/// (platform and AMBA devices), <c>N-AAAA</c> of a child of an <c>i2c</c> node, <c>spiN.A</c> of a child of an
/// <c>spi</c> node (bus numbers are given at run time, so any number is taken), or a PCI function's name.
/// Whether the device exists at the action's time is for the boot to answer.</para>
/// </summary>
public static partial class ScenarioActionCheck
{
    [GeneratedRegex("^[0-9]+-([0-9a-f]{4})$")]
    private static partial Regex I2cName();

    [GeneratedRegex("^spi[0-9]+\\.([0-9]+)$")]
    private static partial Regex SpiName();

    /// <summary>Throws a <see cref="ScenarioException"/> at the first action (with a location) that names nothing on the board.</summary>
    public static void Check(DriverSet set, DtTree tree, string board, PciTopology? pci)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(tree);
        HashSet<string>? deviceNames = null;
        foreach (var action in set.Actions)
        {
            if (action.Location is not { } at) continue;
            if (action.Kind == UserActionKind.LoadModule)
            {
                if (action.Module is { } m && !set.Drivers.Any(d => d.Module is { } dm && Fold(dm) == Fold(m)))
                    throw new ScenarioException(at, $"load-module: no module '{m}' in driver set {set.Name}");
                continue;
            }
            if (action.Device is { } device)
            {
                deviceNames ??= DeviceNames(tree, pci);
                if (!NamesDevice(device, tree, deviceNames))
                    throw new ScenarioException(at, $"no device '{device}' on board {board} (name a device such as {Example(deviceNames)}, a DT path or a label)");
            }
            if (action.Kind is UserActionKind.Bind or UserActionKind.Unbind or UserActionKind.DriverOverride
                && action.Driver is { Length: > 0 } driver
                && !set.Drivers.Any(d => d.Name == driver) && !Boot.Kernel.ImplicitDriverNames.Contains(driver))
                throw new ScenarioException(at, $"no driver '{driver}' in driver set {set.Name}");
        }
    }

    private static string Fold(string module) => module.Replace('-', '_');

    private static bool NamesDevice(string what, DtTree tree, HashSet<string> names)
    {
        if (names.Contains(what)) return true;
        if (what.StartsWith('/')) return tree.FindByPath(what) is not null;
        if (tree.FindByLabel(what) is not null) return true;
        if (I2cName().Match(what) is { Success: true } i2c)
            return ChildAt(tree, "i2c", reg => (reg & 0x3ff).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) == i2c.Groups[1].Value);
        if (SpiName().Match(what) is { Success: true } spi)
            return ChildAt(tree, "spi", reg => reg.ToString(System.Globalization.CultureInfo.InvariantCulture) == spi.Groups[1].Value);
        return false;
    }

    // OnDriverBoundCreateChildren: children of an i2c/spi controller node become devices named after their first reg cell
    private static bool ChildAt(DtTree tree, string controller, Func<uint, bool> regMatches) =>
        tree.AllNodes.Where(n => n.BaseName == controller)
            .SelectMany(n => n.Children)
            .Any(c => c.GetProperty("reg") is { Value.Length: >= 4 } reg && regMatches(reg.GetU32(0)));

    private static HashSet<string> DeviceNames(DtTree tree, PciTopology? pci)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in tree.AllNodes)
            if (node.Parent is not null) names.Add(OfDeviceName.Make(node));
        if (pci is not null)
            foreach (var f in pci.Functions) names.Add(f.Name);
        return names;
    }

    private static string Example(HashSet<string> names) =>
        names.Where(n => n.Contains('.') && !n.Contains(':')).Order(StringComparer.Ordinal).FirstOrDefault() ?? "2000000.dma";
}
