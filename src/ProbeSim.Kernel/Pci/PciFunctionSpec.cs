using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Description of one function before <see cref="PciTopology.Build"/> turns it into a <see cref="PciFunction"/>
/// (what the YAML reader and the sysfs dump reader produce; also usable directly). Null fields take defaults.
/// </summary>
public sealed class PciFunctionSpec
{
    public int Device { get; set; }

    public int Function { get; set; }

    /// <summary>Null: from <see cref="ClassCode"/> and the parent (<see cref="PciDeviceKinds.Default"/>).</summary>
    public PciDeviceKind? Kind { get; set; }

    public ushort VendorId { get; set; }

    public ushort DeviceId { get; set; }

    /// <summary>Subsystem vendor id (<c>subsystem-vendor</c> in YAML; from config space in a dump); null: not known.</summary>
    public ushort? SubsystemVendorId { get; set; }

    /// <summary>Subsystem device id (<c>subsystem-device</c> in YAML; from config space in a dump); null: not known.</summary>
    public ushort? SubsystemDeviceId { get; set; }

    /// <summary>The dword at config 0xf0 (Intel LPC RCBA), from a dump; null when not known.</summary>
    public uint? IntelLpcRcba { get; set; }

    /// <summary>24-bit class code; null: the kind's default.</summary>
    public uint? ClassCode { get; set; }

    /// <summary>Header type when it differs from what the kind implies (sysfs dumps).</summary>
    public PciHeaderType? HeaderType { get; set; }

    /// <summary>Header bit 7; null: inferred (true when the slot has functions other than 0).</summary>
    public bool? Multifunction { get; set; }

    /// <summary>The ACS capability, or null for none.</summary>
    public PciAcsCapability? Acs { get; set; }

    /// <summary>The word at ACS+8 (Intel Sunrise/Union Point ACS control), from a dump; null when not known.</summary>
    public PciAcsFlags? IntelSptAcsControl { get; set; }
    /// <summary>Standard capability IDs found in config space (e.g. 0x0c SHPC), or given in YAML as <c>caps</c>.</summary>
    public List<byte> CapabilityIds { get; } = new();

    public bool ExternalFacing { get; set; }

    /// <summary>
    /// Flags quirks set: <see cref="PciDevFlags.PcieBridgeAlias"/>, <see cref="PciDevFlags.BridgeXlateRoot"/>,
    /// <see cref="PciDevFlags.AcsEnabledQuirk"/>; the kernel's built-in fixups add theirs when the topology is built.
    /// </summary>
    public PciDevFlags Flags { get; set; }

    /// <summary>The config space bytes as read from a sysfs dump (null for descriptions written by hand).</summary>
    public byte[]? RawConfig { get; set; }
    /// <summary>Devfns on the same bus that this function's DMA also uses (<c>pci_add_dma_alias</c>).</summary>
    public List<byte> DmaAliasDevfns { get; } = [];

    /// <summary>Primary/secondary/subordinate bus registers as firmware left them; all null: unconfigured.</summary>
    public byte? PrimaryBus { get; set; }

    public byte? SecondaryBus { get; set; }

    public byte? SubordinateBus { get; set; }

    /// <summary>The bus number the function is known to sit on (sysfs dumps: from the name); checked, not used.</summary>
    public byte? ExpectedBus { get; set; }

    /// <summary>Functions on this bridge's secondary bus.</summary>
    public List<PciFunctionSpec> Below { get; } = [];

    public Dictionary<string, YamlNode> Extra { get; } = [];

    /// <summary>Where the item was described.</summary>
    public PciSourceLocation? Location { get; set; }

    /// <summary>Where single keys were written (<c>below</c>, <c>slot</c>, ...), for errors about them.</summary>
    public Dictionary<string, PciSourceLocation> KeyLocations { get; } = [];

    internal PciSourceLocation LocationOf(string key) =>
        KeyLocations.TryGetValue(key, out var l) ? l : Location ?? PciTopologySpec.NoLocation;
}
