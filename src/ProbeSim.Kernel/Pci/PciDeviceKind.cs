namespace ProbeSim.Kernel.Pci;

/// <summary>
/// What a function is, as written in a topology description: it fixes the PCIe capability (or its absence),
/// the header type and the default class code.
/// </summary>
public enum PciDeviceKind
{
    /// <summary>Host bridge function on the root bus: conventional, normal header, class 0x060000.</summary>
    HostBridge,
    RootPort,
    UpstreamPort,
    DownstreamPort,
    Endpoint,
    LegacyEndpoint,
    /// <summary>Root-complex integrated endpoint.</summary>
    Rciep,
    PcieToPciBridge,
    PciToPcieBridge,
    /// <summary>Conventional PCI-to-PCI bridge (no PCIe capability).</summary>
    PciBridge,
    /// <summary>Conventional PCI function (no PCIe capability).</summary>
    Pci,
    RcEventCollector,
    /// <summary>Conventional CardBus bridge (header type 2); the PCI core does not scan behind it.</summary>
    CardBusBridge,
}

/// <summary>Facts per <see cref="PciDeviceKind"/>.</summary>
public static class PciDeviceKinds
{
    /// <summary>The name used in topology YAML (<c>root-port</c>, ...).</summary>
    public static string YamlName(this PciDeviceKind kind) => kind switch
    {
        PciDeviceKind.HostBridge => "host-bridge",
        PciDeviceKind.RootPort => "root-port",
        PciDeviceKind.UpstreamPort => "upstream-port",
        PciDeviceKind.DownstreamPort => "downstream-port",
        PciDeviceKind.Endpoint => "endpoint",
        PciDeviceKind.LegacyEndpoint => "legacy-endpoint",
        PciDeviceKind.Rciep => "rciep",
        PciDeviceKind.PcieToPciBridge => "pcie-to-pci-bridge",
        PciDeviceKind.PciToPcieBridge => "pci-to-pcie-bridge",
        PciDeviceKind.PciBridge => "pci-bridge",
        PciDeviceKind.Pci => "pci",
        PciDeviceKind.RcEventCollector => "rc-event-collector",
        PciDeviceKind.CardBusBridge => "cardbus-bridge",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<PciDeviceKind> All { get; } =
    [
        PciDeviceKind.HostBridge, PciDeviceKind.RootPort, PciDeviceKind.UpstreamPort, PciDeviceKind.DownstreamPort,
        PciDeviceKind.Endpoint, PciDeviceKind.LegacyEndpoint, PciDeviceKind.Rciep, PciDeviceKind.PcieToPciBridge,
        PciDeviceKind.PciToPcieBridge, PciDeviceKind.PciBridge, PciDeviceKind.Pci, PciDeviceKind.RcEventCollector,
        PciDeviceKind.CardBusBridge,
    ];

    public static PciDeviceKind? FromYamlName(string name)
    {
        foreach (var k in All)
            if (k.YamlName() == name) return k;
        return null;
    }

    /// <summary>The PCIe device/port type, or null for a conventional PCI function.</summary>
    public static PciExpressType? PcieType(this PciDeviceKind kind) => kind switch
    {
        PciDeviceKind.RootPort => PciExpressType.RootPort,
        PciDeviceKind.UpstreamPort => PciExpressType.Upstream,
        PciDeviceKind.DownstreamPort => PciExpressType.Downstream,
        PciDeviceKind.Endpoint => PciExpressType.Endpoint,
        PciDeviceKind.LegacyEndpoint => PciExpressType.LegacyEndpoint,
        PciDeviceKind.Rciep => PciExpressType.RcIntegratedEndpoint,
        PciDeviceKind.PcieToPciBridge => PciExpressType.PcieToPciBridge,
        PciDeviceKind.PciToPcieBridge => PciExpressType.PciToPcieBridge,
        PciDeviceKind.RcEventCollector => PciExpressType.RcEventCollector,
        _ => null,
    };

    /// <summary>The kind for a PCIe type, or for a conventional function from its header type and class.</summary>
    public static PciDeviceKind FromHardware(PciExpressType? pcieType, PciHeaderType header, uint classCode) => pcieType switch
    {
        PciExpressType.RootPort => PciDeviceKind.RootPort,
        PciExpressType.Upstream => PciDeviceKind.UpstreamPort,
        PciExpressType.Downstream => PciDeviceKind.DownstreamPort,
        PciExpressType.Endpoint => PciDeviceKind.Endpoint,
        PciExpressType.LegacyEndpoint => PciDeviceKind.LegacyEndpoint,
        PciExpressType.RcIntegratedEndpoint => PciDeviceKind.Rciep,
        PciExpressType.PcieToPciBridge => PciDeviceKind.PcieToPciBridge,
        PciExpressType.PciToPcieBridge => PciDeviceKind.PciToPcieBridge,
        PciExpressType.RcEventCollector => PciDeviceKind.RcEventCollector,
        _ => header switch
        {
            PciHeaderType.Bridge => PciDeviceKind.PciBridge,
            PciHeaderType.CardBus => PciDeviceKind.CardBusBridge,
            _ => classCode >> 8 == 0x0600 ? PciDeviceKind.HostBridge : PciDeviceKind.Pci,
        },
    };

    /// <summary>The header type a function of this kind has.</summary>
    public static PciHeaderType HeaderType(this PciDeviceKind kind) => kind switch
    {
        PciDeviceKind.RootPort or PciDeviceKind.UpstreamPort or PciDeviceKind.DownstreamPort
            or PciDeviceKind.PcieToPciBridge or PciDeviceKind.PciToPcieBridge or PciDeviceKind.PciBridge => PciHeaderType.Bridge,
        PciDeviceKind.CardBusBridge => PciHeaderType.CardBus,
        _ => PciHeaderType.Normal,
    };

    /// <summary>The 24-bit class code used when a description gives none.</summary>
    public static uint DefaultClass(this PciDeviceKind kind) => kind switch
    {
        PciDeviceKind.HostBridge => 0x060000,
        PciDeviceKind.CardBusBridge => 0x060700,
        PciDeviceKind.RcEventCollector => 0x080700,
        _ when kind.HeaderType() == PciHeaderType.Bridge => 0x060400,
        _ => 0x000000,
    };

    /// <summary>
    /// The kind of a function whose description gives no type: from its class code and where it sits
    /// (<paramref name="parent"/> is the bridge above it, null on the root bus).
    /// </summary>
    public static PciDeviceKind Default(uint? classCode, PciFunction? parent)
    {
        var baseSub = classCode >> 8;
        var conventionalBus = parent is not null && (parent.PcieType is null || parent.PcieType == PciExpressType.PcieToPciBridge);
        if (baseSub == 0x0604)
        {
            if (parent is null) return PciDeviceKind.RootPort;
            if (conventionalBus) return PciDeviceKind.PciBridge;
            return parent.PcieType == PciExpressType.Upstream ? PciDeviceKind.DownstreamPort : PciDeviceKind.UpstreamPort;
        }
        if (baseSub == 0x0607) return PciDeviceKind.CardBusBridge;
        if (baseSub == 0x0600 && parent is null) return PciDeviceKind.HostBridge;
        if (baseSub == 0x0807 && parent is null) return PciDeviceKind.RcEventCollector;
        if (parent is null) return PciDeviceKind.Rciep;
        return conventionalBus ? PciDeviceKind.Pci : PciDeviceKind.Endpoint;
    }
}
