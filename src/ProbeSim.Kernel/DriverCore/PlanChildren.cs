using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers.Imported;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.DriverCore;

internal sealed partial class DriverModel
{
    private int _platformAutoId;

    private static readonly DigestFields PlanChildrenFields = new(typeof(DriverModel), [nameof(_platformAutoId)]);

    // the children a driver's probe creates, in plan order, once the probe succeeded
    private void CreatePlanChildren(Device dev, ProbePlan plan)
    {
        var variant = MatchVariant(dev);
        var labelled = variant is null ? null : plan.Steps.Where(s => s.When is not null).SelectMany(s => s.When!.Split(',')).ToHashSet(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (step.Kind != PlanStepKind.Children) continue;
            // switch (variant) { case X: cells = x_cells; ... }: only the set of the variant the device matched with
            // (axp20x_match_device, drivers/mfd/axp20x.c); with the variant unknown every set stays
            if (variant is not null && step.When is { } when
                && !(when == "default" ? !labelled!.Contains(variant) : when.Split(',').Contains(variant, StringComparer.Ordinal)))
                continue;
            switch (step.Child)
            {
                case ChildKind.OfPopulate:
                    // of_platform_populate / devm_of_platform_populate on the device's node (or the subnode it names)
                    if (dev.Node is null) break;
                    var root = step.NodeName is { } sub ? SubnodeNamed(dev.Node, sub) : dev.Node;
                    if (root is not null) OfPlatform.PopulateBelow(root, dev);
                    break;
                case ChildKind.MfdCell:
                    CreateMfdCell(dev, step);
                    break;
                case ChildKind.PlatformDevice when step.Name is { } name:
                    // platform_device_register_data / platform_device_alloc + platform_device_add with a fixed name, no of_node
                    AddNamedPlatformDevice(dev, name, step.Index, null);
                    break;
                case ChildKind.BusClients when step.Name is { } bus && dev.Node is not null:
                    // i2c_add_adapter, spi_register_controller, sunxi_rsb probe, spmi_controller_add, of_mdiobus_register
                    var busNode = step.NodeName is { } n ? SubnodeNamed(dev.Node, n)
                        : bus == "mdio" ? SubnodeNamed(dev.Node, "mdio") ?? dev.Node : dev.Node;
                    if (busNode is not null) CreateBusClients(dev, busNode, bus);
                    break;
                // auxiliary_device_add: the auxiliary bus is not modelled (docs/boot.md)
            }
        }
    }

    // mfd_add_device: platform_device_alloc(cell->name, id), of_node from the cell's compatible or the plan's subnode name
    // (the first available child with that compatible that no other cell took, as mfd_match_of_node_to_dev checks)
    private void CreateMfdCell(Device dev, PlanStep step)
    {
        if (step.Name is not { } name) return;
        DtNode? node = null;
        if (step.Compatible is { } compatible && dev.Node is not null)
        {
            bool disabled = false;
            foreach (var child in dev.Node.Children)
            {
                if (!child.IsCompatible(compatible)) continue;
                // mfd_add_device: a disabled node's cell is skipped without error
                if (!child.IsAvailable) { disabled = true; continue; }
                if (FwIfAny(child)?.Dev is not null) continue;
                node = child;
                break;
            }
            if (node is null && disabled) return;
            if (node is null) Printk(LogLevel.Warning, $"{name}: Failed to locate of_node [id: {step.Index ?? -1}]");
        }
        else if (step.NodeName is { } sub && dev.Node is not null)
            node = SubnodeNamed(dev.Node, sub);
        AddNamedPlatformDevice(dev, name, step.Index, node);
    }

    // platform_device_add: "<name>" (PLATFORM_DEVID_NONE, or no id known), "<name>.<id>", "<name>.<n>.auto" (PLATFORM_DEVID_AUTO)
    private void AddNamedPlatformDevice(Device parent, string name, int? id, DtNode? node)
    {
        var devName = id switch
        {
            null or -1 => name,
            -2 => $"{name}.{_platformAutoId++}.auto",
            _ => $"{name}.{id}",
        };
        var cdev = DeviceCreate(devName, Platform, node, parent);
        if (cdev is null) return;
        cdev.MatchName = name;
        DeviceAdd(cdev);
    }

    // of_device_get_match_data: the data of the driver's entry for the node's most specific compatible (__of_match_node)
    private static string? MatchVariant(Device dev)
    {
        if (dev.Node is null || dev.Driver?.Spec.OfMatchData is not { Count: > 0 } data) return null;
        foreach (var c in dev.Node.Compatible)
        {
            if (data.TryGetValue(c, out var v)) return v;
            if (dev.Driver.Spec.Compatibles.Contains(c, StringComparer.OrdinalIgnoreCase)) return null;
        }
        return null;
    }

    private static DtNode? SubnodeNamed(DtNode node, string name) =>
        node.Children.FirstOrDefault(c => c.Name == name) ?? node.Children.FirstOrDefault(c => c.BaseName == name);
}
