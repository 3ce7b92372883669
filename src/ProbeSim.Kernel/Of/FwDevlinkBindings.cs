using System.Collections.Frozen;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// Names of the fw_devlink supplier bindings of drivers/of/property.c (entries of <c>of_supplier_bindings[]</c>), and the
/// sets of them each modelled kernel version has. One name can stand for several kernel entries (pinctrl-0..8, -gpio/-gpios).
/// <list type="table">
/// <listheader><term>binding</term><description>v5.10 | v5.19 | v6.6 | v6.12 | v6.13</description></listheader>
/// <item><term>clocks, interconnects, iommus*, iommu-map*, mboxes, dmas*, power-domains, hwlocks, extcon, nvmem-cells, phys, wakeup-parent, pinctrl, supply, gpio-suffix</term><description>all five</description></item>
/// <item><term>io-channel (typo entry)</term><description>v5.10, v5.19, v6.6 (v6.8 and Feb 2024 stable releases have io-channels)</description></item>
/// <item><term>io-channels</term><description>v6.12, v6.13</description></item>
/// <item><term>interrupt-parent</term><description>v5.10 .. v6.12 (gone in v6.13)</description></item>
/// <item><term>interrupts-extended (plain phandle+args form)</term><description>v5.10 only (v5.9 .. v5.11; then covered by interrupts)</description></item>
/// <item><term>interrupts (also matches interrupts-extended)</term><description>v5.19 .. v6.13</description></item>
/// <item><term>remote-endpoint-compat</term><description>v5.19, v6.6 (~v5.13 .. ~v6.8)</description></item>
/// <item><term>remote-endpoint-port-parent</term><description>v6.12, v6.13 (v6.9+)</description></item>
/// <item><term>pwms, resets, leds, backlight, gpio-legacy</term><description>v5.19 .. v6.13</description></item>
/// <item><term>panel</term><description>v6.6 .. v6.13</description></item>
/// <item><term>io-backends, msi-parent, pses, power-supplies, interrupt-map, access-controllers, post-init-providers</term><description>v6.12, v6.13</description></item>
/// </list>
/// * optional: skipped unless <c>fw_devlink.strict=1</c> (kernels from ~v5.13; v5.10 has no optional entries).
/// </summary>
public static class FwDevlinkBindings
{
    /// <summary><c>clocks</c>, <c>#clock-cells</c>.</summary>
    public const string Clocks = "clocks";
    /// <summary><c>interconnects</c>, <c>#interconnect-cells</c>.</summary>
    public const string Interconnects = "interconnects";
    /// <summary><c>iommus</c>, <c>#iommu-cells</c>; optional.</summary>
    public const string Iommus = "iommus";
    /// <summary><c>iommu-map</c>: the phandle in cell 4*i+1 of each 4-cell tuple; optional.</summary>
    public const string IommuMap = "iommu-map";
    /// <summary><c>mboxes</c>, <c>#mbox-cells</c>.</summary>
    public const string Mboxes = "mboxes";
    /// <summary><c>io-channels</c>, <c>#io-channel-cells</c> (the corrected entry, v6.8+).</summary>
    public const string IoChannels = "io-channels";
    /// <summary>The pre-v6.8 entry that matched the literal name <c>io-channel</c>, so real <c>io-channels</c> properties made no link.</summary>
    public const string IoChannelTypo = "io-channel";
    /// <summary><c>io-backends</c>, <c>#io-backend-cells</c>.</summary>
    public const string IoBackends = "io-backends";
    /// <summary><c>interrupt-parent</c> as a plain phandle (dropped in v6.13).</summary>
    public const string InterruptParent = "interrupt-parent";
    /// <summary><c>dmas</c>, <c>#dma-cells</c>; optional.</summary>
    public const string Dmas = "dmas";
    /// <summary><c>power-domains</c>, <c>#power-domain-cells</c>.</summary>
    public const string PowerDomains = "power-domains";
    /// <summary><c>hwlocks</c>, <c>#hwlock-cells</c>.</summary>
    public const string Hwlocks = "hwlocks";
    /// <summary><c>extcon</c>, plain phandles.</summary>
    public const string Extcon = "extcon";
    /// <summary>The v5.9..v5.11 entry reading <c>interrupts-extended</c> as phandle+<c>#interrupt-cells</c>, supplier = the phandle target (no map walk).</summary>
    public const string InterruptsExtended = "interrupts-extended";
    /// <summary><c>nvmem-cells</c>, <c>#nvmem-cell-cells</c> (0 when absent).</summary>
    public const string NvmemCells = "nvmem-cells";
    /// <summary><c>phys</c>, <c>#phy-cells</c>.</summary>
    public const string Phys = "phys";
    /// <summary><c>wakeup-parent</c>, plain phandle.</summary>
    public const string WakeupParent = "wakeup-parent";
    /// <summary><c>pinctrl-0</c> .. <c>pinctrl-8</c>, plain phandles to pin configuration nodes.</summary>
    public const string Pinctrl = "pinctrl";
    /// <summary><c>remote-endpoint</c>, ~v5.13..v6.8: consumer = nearest ancestor of the endpoint with a compatible, supplier = the remote endpoint's nearest compatible ancestor.</summary>
    public const string RemoteEndpointCompat = "remote-endpoint-compat";
    /// <summary><c>remote-endpoint</c>, v6.9+: consumer and supplier = the nodes owning the local and remote ports (of_graph_get_port_parent).</summary>
    public const string RemoteEndpointPortParent = "remote-endpoint-port-parent";
    /// <summary><c>pwms</c>, <c>#pwm-cells</c>.</summary>
    public const string Pwms = "pwms";
    /// <summary><c>resets</c>, <c>#reset-cells</c>.</summary>
    public const string Resets = "resets";
    /// <summary><c>leds</c>, plain phandles.</summary>
    public const string Leds = "leds";
    /// <summary><c>backlight</c>, plain phandle.</summary>
    public const string Backlight = "backlight";
    /// <summary><c>panel</c>, plain phandle.</summary>
    public const string Panel = "panel";
    /// <summary><c>msi-parent</c>, <c>#msi-cells</c>.</summary>
    public const string MsiParent = "msi-parent";
    /// <summary><c>pses</c>, <c>#pse-cells</c>.</summary>
    public const string Pses = "pses";
    /// <summary><c>power-supplies</c>, plain phandles.</summary>
    public const string PowerSupplies = "power-supplies";
    /// <summary><c>access-controllers</c>, <c>#access-controller-cells</c>.</summary>
    public const string AccessControllers = "access-controllers";
    /// <summary><c>post-init-providers</c>, plain phandles; links are recorded with the ignore flag and never hold back probe.</summary>
    public const string PostInitProviders = "post-init-providers";
    /// <summary><c>interrupt-map</c>: the parent controller of every map entry.</summary>
    public const string InterruptMap = "interrupt-map";
    /// <summary>Any property ending in <c>-supply</c> (longer than the suffix), plain phandles.</summary>
    public const string Supply = "supply";
    /// <summary>Properties ending in <c>-gpio</c> or <c>-gpios</c> (but not <c>,nr-gpios</c>), <c>#gpio-cells</c>.</summary>
    public const string GpioSuffix = "gpio-suffix";
    /// <summary>Legacy <c>gpio</c>/<c>gpios</c>, <c>#gpio-cells</c>; nodes with <c>gpio-hog</c> are skipped.</summary>
    public const string GpioLegacy = "gpio-legacy";
    /// <summary><c>interrupts</c> and <c>interrupts-extended</c>, supplier = the controller of_irq_parse_one resolves to.</summary>
    public const string Interrupts = "interrupts";

    /// <summary>Every binding name, in the kernel's table order (the order that decides which binding owns a property).</summary>
    public static readonly IReadOnlyList<string> TableOrder = FwDevlinkBindingTable.All.Select(b => b.Name).ToArray();

    /// <summary>The entries flagged optional (iommus, iommu-map, dmas) in the kernels that have the flag.</summary>
    public static readonly IReadOnlySet<string> Optional = Set(Iommus, IommuMap, Dmas);

    /// <summary>v5.10.</summary>
    public static readonly IReadOnlySet<string> V5_10 = Set(
        Clocks, Interconnects, Iommus, IommuMap, Mboxes, IoChannelTypo, InterruptParent, Dmas, PowerDomains, Hwlocks, Extcon,
        InterruptsExtended, NvmemCells, Phys, WakeupParent, Pinctrl, Supply, GpioSuffix);

    /// <summary>v5.19.</summary>
    public static readonly IReadOnlySet<string> V5_19 = Set(V5_10.Except(new[] { InterruptsExtended })
        .Concat(new[] { RemoteEndpointCompat, Pwms, Resets, Leds, Backlight, GpioLegacy, Interrupts }).ToArray());

    /// <summary>v6.6.0.</summary>
    public static readonly IReadOnlySet<string> V6_6 = Set(V5_19.Append(Panel).ToArray());

    /// <summary>v6.12.0.</summary>
    public static readonly IReadOnlySet<string> V6_12 = Set(V6_6.Except(new[] { IoChannelTypo, RemoteEndpointCompat })
        .Concat(new[] { IoChannels, IoBackends, MsiParent, Pses, PowerSupplies, InterruptMap, AccessControllers, PostInitProviders, RemoteEndpointPortParent })
        .ToArray());

    /// <summary>v6.13.</summary>
    public static readonly IReadOnlySet<string> V6_13 = Set(V6_12.Except(new[] { InterruptParent }).ToArray());

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
