using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

public enum OfBus { Platform, Amba }

/// <summary>A device the OF core creates for a node: its bus, its kernel name and the device it sits under.</summary>
public sealed record OfDevice(DtNode Node, OfBus Bus, string Name, OfDevice? Parent, string Origin);

/// <summary>Which nodes become platform and AMBA devices at boot, in creation order (drivers/of/platform.c).</summary>
public static class OfPlatformPopulate
{
    // of_platform_default_populate_init: reserved-memory whitelist, /firmware, /chosen framebuffer, then the root walk
    public static IReadOnlyList<OfDevice> DefaultPopulate(DtTree tree, OfPopulateOptions options, ISet<DtNode>? alreadyPopulated = null)
    {
        var created = new List<OfDevice>();
        var populated = alreadyPopulated ?? new HashSet<DtNode>(ReferenceEqualityComparer.Instance);

        if (tree.Root.GetChild("reserved-memory") is { } rmem)
            foreach (var child in rmem.Children)
                if (child.Compatible.Any(c => options.ReservedMemoryDevices.Contains(c)))
                    CreatePlatform(child, null, created, populated, "reserved-memory");

        // of_platform_populate("/firmware", NULL, ...): children only, never their children
        if (tree.Root.GetChild("firmware") is { } fw)
            foreach (var child in fw.Children)
                if (child.HasProperty("compatible")) CreatePlatform(child, null, created, populated, "firmware");

        if (options.ChosenFramebuffer && tree.Root.GetChild("chosen") is { } chosen)
            foreach (var child in chosen.Children)
                if (child.IsCompatible("simple-framebuffer")) CreatePlatform(child, null, created, populated, "chosen");

        foreach (var child in tree.Root.Children) BusCreate(child, null, options, created, populated, strict: true);
        return created;
    }

    /// <summary>of_platform_populate on one node's children, as a driver does for its own subnodes (strict: children without a compatible are skipped).</summary>
    public static IReadOnlyList<OfDevice> Populate(DtNode parentNode, OfDevice? parent, OfPopulateOptions options, ISet<DtNode> populated)
    {
        var created = new List<OfDevice>();
        foreach (var child in parentNode.Children) BusCreate(child, parent, options, created, populated, strict: true);
        return created;
    }

    // of_platform_bus_create: depth first in DT order
    private static void BusCreate(DtNode node, OfDevice? parent, OfPopulateOptions options, List<OfDevice> created, ISet<DtNode> populated, bool strict)
    {
        // strict: a node without "compatible" is skipped with its subtree
        if (strict && !node.HasProperty("compatible")) return;
        if (node.Compatible.Any(c => options.SkippedCompatibles.Contains(c))) return;

        if (node.IsCompatible("arm,primecell"))
        {
            // of_amba_device_create: only when available, and its children are never walked
            if (options.Amba && node.IsAvailable && populated.Add(node))
                created.Add(new OfDevice(node, OfBus.Amba, OfDeviceName.Make(node), parent, "populate"));
            return;
        }

        var dev = CreatePlatform(node, parent, created, populated, "populate");
        if (dev is null || !IsBus(node, options)) return;
        foreach (var child in node.Children) BusCreate(child, dev, options, created, populated, strict);
    }

    // of_platform_device_create_pdata: available nodes only, each node once (OF_POPULATED)
    private static OfDevice? CreatePlatform(DtNode node, OfDevice? parent, List<OfDevice> created, ISet<DtNode> populated, string origin)
    {
        if (!node.IsAvailable || !populated.Add(node)) return null;
        var dev = new OfDevice(node, OfBus.Platform, OfDeviceName.Make(node), parent, origin);
        created.Add(dev);
        return dev;
    }

    private static bool IsBus(DtNode node, OfPopulateOptions options) => node.Compatible.Any(c => options.BusCompatibles.Contains(c));
}
