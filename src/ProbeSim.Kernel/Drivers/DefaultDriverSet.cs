using System.Collections.Frozen;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// The "default" driver set: a kernel that has a built-in driver for everything the board describes.
/// <para>Rules, applied to every node with a <c>compatible</c> in DT order (the whole tree, disabled nodes included):</para>
/// <list type="number">
/// <item>A node any of whose compatibles is in an early table that takes the node without a driver
/// (<see cref="DefaultEarlyTables.TakesNodeWithoutDriver"/>: clocks, irqchips, timers, reserved memory) gets no driver:
/// of_clk_init/of_irq_init/timer_probe match on any of the node's compatibles.</item>
/// <item>A node whose first compatible is in <see cref="NoDriverCompatibles"/> (bus compatibles Linux has no driver for,
/// GIC sub-frames) gets no driver. Only the first compatible counts: <c>"acme,pmic", "simple-mfd"</c> gets an
/// <c>acme-pmic</c> driver.</item>
/// <item>A PrimeCell node (<c>arm,primecell</c>) gets an AMBA driver named after its first other compatible. Its id table
/// holds the node's peripheral ID: <c>arm,primecell-periphid</c> (exact, mask 0xffffffff) or the ID derived from an
/// <c>arm,plNNN</c>/<c>arm,sp805</c> compatible (<see cref="PrimecellIds"/>). Its <see cref="DriverSpec.Compatibles"/>
/// holds that compatible too: <b>model-only OF fallback</b> — an AMBA device whose periphid is unknown (no property, no
/// known part number) matches an AMBA driver by compatible. Linux would read the ID from the hardware instead.</item>
/// <item>Every other node gets a built-in platform driver (initcall level device) for its first compatible.</item>
/// </list>
/// <para>One driver per distinct compatible; the bus is decided by the first node using it; registration order is the
/// order of first appearance. Driver names are the compatible with <c>,</c> replaced by <c>-</c>. Early tables are
/// <see cref="DefaultEarlyTables.Entries"/>; CONFIG_MODULES is on and no module is autoloaded.</para>
/// </summary>
public sealed class DefaultDriverSet : IDriverSetSource
{
    /// <summary>The name this source is selected by.</summary>
    public const string SourceName = "default";

    /// <summary>
    /// First compatibles that get no driver: the default bus table (<c>simple-bus</c>, <c>simple-mfd</c>, <c>isa</c>,
    /// <c>arm,amba-bus</c>: of_platform_populate walks them, no driver binds them) and the GIC sub-frames
    /// <c>arm,gic-v2m-frame</c>/<c>arm,gic-v3-its</c>, which their parent GIC's early init sets up (see <see cref="DefaultEarlyTables"/>).
    /// </summary>
    public static IReadOnlySet<string> NoDriverCompatibles { get; } = new[]
    {
        "simple-bus", "simple-mfd", "isa", "arm,amba-bus", "arm,gic-v2m-frame", "arm,gic-v3-its",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> EarlyWithoutDriver = DefaultEarlyTables.Entries
        .Where(e => DefaultEarlyTables.TakesNodeWithoutDriver(e.Table))
        .Select(e => e.Compatible)
        .ToFrozenSet(StringComparer.Ordinal);

    public string Name => SourceName;

    /// <summary>The default driver name for a compatible: <c>acme,dmac</c> -> <c>acme-dmac</c>.</summary>
    public static string DriverNameFor(string compatible) => compatible.Replace(',', '-');

    public DriverSet Resolve(DtTree tree)
    {
        var drivers = new List<DriverSpec>();
        var byCompatible = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in tree.AllNodes)
        {
            var compatibles = node.Compatible;
            if (compatibles.Count == 0 || compatibles.Any(EarlyWithoutDriver.Contains)) continue;
            var primecell = PrimecellIds.IsPrimecell(node);
            var first = primecell
                ? compatibles.FirstOrDefault(c => c != PrimecellIds.PrimecellCompatible)
                : compatibles[0];
            if (first is null || NoDriverCompatibles.Contains(first)) continue;

            if (byCompatible.TryGetValue(first, out var index))
            {
                if (primecell && drivers[index].Bus == DriverBus.Amba) drivers[index] = AddAmbaId(drivers[index], node);
                continue;
            }
            byCompatible[first] = drivers.Count;
            drivers.Add(primecell ? NewAmbaDriver(first, node) : NewPlatformDriver(first, node));
        }
        return new DriverSet
        {
            Name = SourceName,
            Drivers = drivers.AsReadOnly(),
            EarlyTables = DefaultEarlyTables.Entries,
            Modules = true,
            ModuleAutoloadAt = null,
        };
    }

    private static DriverSpec NewPlatformDriver(string compatible, DtNode node) => new()
    {
        Name = DriverNameFor(compatible),
        Bus = DriverBus.Platform,
        Compatibles = new[] { compatible },
        Origin = $"default set: first compatible of {node.Path}",
    };

    private static DriverSpec NewAmbaDriver(string compatible, DtNode node) => AddAmbaId(new DriverSpec
    {
        Name = DriverNameFor(compatible),
        Bus = DriverBus.Amba,
        Compatibles = new[] { compatible },
        Origin = $"default set: AMBA driver for the first compatible of {node.Path}",
    }, node);

    private static DriverSpec AddAmbaId(DriverSpec driver, DtNode node)
    {
        var id = NodeAmbaId(node);
        if (id is null || driver.AmbaIds.Contains(id)) return driver;
        return driver with { AmbaIds = driver.AmbaIds.Append(id).ToArray() };
    }

    /// <summary>The id-table entry that matches exactly this node's peripheral ID, or null when it is unknown.</summary>
    private static AmbaId? NodeAmbaId(DtNode node)
    {
        if (node.GetU32(PrimecellIds.PeriphidProperty) is { } periphid) return new AmbaId(periphid, 0xffffffff);
        foreach (var c in node.Compatible)
            if (PrimecellIds.DefaultIdFor(c) is { } id) return id;
        return null;
    }
}
