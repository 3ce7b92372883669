namespace ProbeSim.Kernel.Pci;

/// <summary>
/// One PCI function (<c>struct pci_dev</c>) of a <see cref="PciTopology"/>. Built by <see cref="PciTopology.Build"/>,
/// <see cref="PciTopologyYaml"/> or <see cref="PciSysfsDump"/>; read-only afterwards except for the ACS control
/// register (<see cref="PciAcs.EnableAcs"/>).
/// </summary>
public sealed class PciFunction
{
    private readonly List<PciFunction> _children = [];
    private readonly SortedSet<byte> _dmaAliasDevfns = [];

    internal PciFunction(PciTopology topology, PciFunction? parent, byte devfn, PciDeviceKind kind)
    {
        Topology = topology;
        Parent = parent;
        Devfn = devfn;
        Kind = kind;
        HeaderType = kind.HeaderType();
        ClassCode = kind.DefaultClass();
    }

    public PciTopology Topology { get; }

    /// <summary>The bridge whose secondary bus this function sits on (<c>bus->self</c>); null on the root bus.</summary>
    public PciFunction? Parent { get; }

    /// <summary>Functions on this bridge's secondary bus, in devfn order (the bus's device list).</summary>
    public IReadOnlyList<PciFunction> Children => _children;

    public int Domain => Topology.Domain;

    /// <summary>Number of the bus the function sits on.</summary>
    public byte Bus { get; internal set; }

    public byte Devfn { get; }

    public int Device => PciDevfn.Slot(Devfn);

    public int Function => PciDevfn.Func(Devfn);

    /// <summary>What the description said the function is; after <c>set_pcie_port_type</c>'s correction.</summary>
    public PciDeviceKind Kind { get; internal set; }

    public ushort VendorId { get; internal set; }

    public ushort DeviceId { get; internal set; }

    /// <summary>
    /// <c>dev->subsystem_vendor</c>: from config space as pci_setup_device reads it for the header type (0x2c for a
    /// normal header, the SSVID capability or 0 for a bridge, 0x40 for CardBus); null when the description does not
    /// say (a YAML function without <c>subsystem-vendor</c>, a cut-off dump). A pci_device_id that asks for a subsystem
    /// vendor never matches null.
    /// </summary>
    public ushort? SubsystemVendorId { get; internal set; }

    /// <summary><c>dev->subsystem_device</c> (see <see cref="SubsystemVendorId"/>).</summary>
    public ushort? SubsystemDeviceId { get; internal set; }

    /// <summary>The udev MODALIAS of the function (pci_uevent): <c>pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X</c>; unknown subsystem ids print as 0.</summary>
    // pci_uevent (drivers/pci/pci-driver.c:1619-1623 in 6.1.192): MODALIAS from vendor, device, subsystem ids and the class bytes
    public string Modalias =>
        $"pci:v{VendorId:X8}d{DeviceId:X8}sv{SubsystemVendorId ?? 0:X8}sd{SubsystemDeviceId ?? 0:X8}bc{(ClassCode >> 16) & 0xff:X2}sc{(ClassCode >> 8) & 0xff:X2}i{ClassCode & 0xff:X2}";

    /// <summary>
    /// The dword at config 0xf0 (an Intel LPC's root complex base address), read only by the Intel PCH ACS enable
    /// quirk; null when not known (YAML, short dumps, bridges).
    /// </summary>
    public uint? IntelLpcRcba { get; internal set; }

    /// <summary>24-bit class code (base class, subclass, programming interface), as <c>dev->class</c>.</summary>
    public uint ClassCode { get; internal set; }

    public PciHeaderType HeaderType { get; internal set; }

    /// <summary><c>dev->multifunction</c>: header bit 7 of function 0, or forced for any function &gt; 0 found by the scan.</summary>
    public bool Multifunction { get; internal set; }

    /// <summary>The PCIe device/port type; null for conventional PCI (<c>!pci_is_pcie</c>).</summary>
    public PciExpressType? PcieType => Kind.PcieType();

    public bool IsPcie => PcieType is not null;

    /// <summary>True when <c>set_pcie_port_type</c> corrected an impossible upstream/downstream port type.</summary>
    public bool PcieTypeCorrected { get; internal set; }

    /// <summary>The ACS extended capability, null when the function has none.</summary>
    public PciAcsCapability? Acs { get; internal set; }

    /// <summary>
    /// The low 16 bits of the dword at ACS+8, where Intel Sunrise/Union Point root ports keep their real control
    /// register (their ACS registers are dwords); read only by the quirk for those ports. Null when not known: no ACS
    /// capability, a YAML description, or a dump that stops before it.
    /// </summary>
    public PciAcsFlags? IntelSptAcsControl { get; internal set; }

    /// <summary>Standard capability IDs in config space order (PCI_CAP_ID_*), when known.</summary>
    public IReadOnlyList<byte> CapabilityIds { get; internal set; } = Array.Empty<byte>();

    /// <summary>The config space as read from a sysfs dump, or null (a hand-written description).</summary>
    internal byte[]? RawConfig { get; init; }

    /// <summary>pci_read_config_dword: the little-endian dword at <paramref name="offset"/>, or null beyond what was read.</summary>
    public uint? ReadConfigDword(int offset) =>
        RawConfig is { } b && offset >= 0 && offset + 4 <= b.Length ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(offset, 4)) : null;

    /// <summary>shpc_capable: a bridge with a Standard Hot-Plug Controller capability (0x0c).</summary>
    public bool ShpcCapable => IsBridge && CapabilityIds.Contains((byte)0x0c);

    /// <summary>Bridge secondary bus number (null for non-bridges).</summary>
    public byte? SecondaryBus { get; internal set; }

    /// <summary>Bridge subordinate bus number: highest bus number below it (null for non-bridges).</summary>
    public byte? SubordinateBus { get; internal set; }

    /// <summary>Devfns (same bus) set in <c>dma_alias_mask</c> by DMA alias quirks, ascending.</summary>
    public IReadOnlyCollection<byte> DmaAliasDevfns => _dmaAliasDevfns;

    public PciDevFlags Flags { get; internal set; }

    /// <summary><c>external_facing</c>: from the DT property <c>external-facing</c> on a bridge's node.</summary>
    public bool ExternalFacing { get; internal set; }

    /// <summary><c>dev->untrusted</c> as <c>set_pcie_untrusted</c> computes it under <see cref="PciTopology.UntrustedRule"/>.</summary>
    public bool Untrusted
    {
        get
        {
            if (Parent is null) return false;
            if (Parent.Untrusted) return true;
            // set_pcie_untrusted: up to v6.12 an external-facing upstream bridge makes the device untrusted
            return Topology.UntrustedRule == PciUntrustedRule.ExternalFacingParent && Parent.ExternalFacing;
        }
    }

    /// <summary>Device name as <c>pci_setup_device</c> sets it: <c>%04x:%02x:%02x.%d</c>.</summary>
    // pci_setup_device: dev_set_name("%04x:%02x:%02x.%d", domain, bus, slot, func)
    public string Name => $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function}";

    /// <summary>The device's sysfs directory: nested below the host bridge directory and each upstream bridge.</summary>
    // pci_device_add: the parent is bus->bridge (the upstream bridge, or the host bridge device on the root bus)
    public string SysfsPath => (Parent?.SysfsPath ?? Topology.HostSysfsPath) + "/" + Name;

    /// <summary>Requester ID (<c>pci_dev_id</c>): bus &lt;&lt; 8 | devfn.</summary>
    // pci_dev_id: PCI_DEVID(bus number, devfn)
    public ushort Rid => PciDevfn.DevId(Bus, Devfn);

    /// <summary><c>pci_is_bridge</c>: header type 1 or 2; the scan looks behind it.</summary>
    // pci_is_bridge: header type bridge or CardBus
    public bool IsBridge => HeaderType is PciHeaderType.Bridge or PciHeaderType.CardBus;

    /// <summary>
    /// Whether pcieport would bind: its id table matches class 0x060400, 0x060401 or 0x080700 and
    /// <c>pcie_portdrv_probe</c> accepts root, upstream and downstream ports and RC event collectors.
    /// </summary>
    // port_pci_ids + pcie_portdrv_probe: class match, then only root/upstream/downstream ports and RCECs
    public bool PcieportBinds =>
        ClassCode is 0x060400 or 0x060401 or 0x080700
        && PcieType is PciExpressType.RootPort or PciExpressType.Upstream or PciExpressType.Downstream or PciExpressType.RcEventCollector;

    /// <summary>Where the description of this function came from (YAML position or config file).</summary>
    public PciSourceLocation? Location { get; internal set; }

    /// <summary>Extra keys the caller allowed in the YAML description, with their raw values.</summary>
    public IReadOnlyDictionary<string, YamlDotNet.RepresentationModel.YamlNode> Extra { get; internal set; } =
        new Dictionary<string, YamlDotNet.RepresentationModel.YamlNode>();

    /// <summary>The DMA aliases <c>pci_for_each_dma_alias</c> visits, in order.</summary>
    public IReadOnlyList<PciDmaAlias> DmaAliases() => PciSearch.ForEachDmaAlias(this);

    public override string ToString() => Name;

    internal void AddChild(PciFunction child) => _children.Add(child);

    internal void SortChildren() => _children.Sort((a, b) => a.Devfn.CompareTo(b.Devfn));

    internal void AddDmaAlias(byte devfn) => _dmaAliasDevfns.Add(devfn);

    internal bool HasDmaAlias(byte devfn) => _dmaAliasDevfns.Contains(devfn);
}
