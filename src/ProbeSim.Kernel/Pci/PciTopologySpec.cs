using ProbeSim.Kernel.Pci.Quirks;

namespace ProbeSim.Kernel.Pci;

/// <summary>Description of the hierarchy below one host bridge, input of <see cref="PciTopology.Build"/>.</summary>
public sealed class PciTopologySpec
{
    internal static readonly PciSourceLocation NoLocation = new("<pci>", 0, 0);

    /// <summary>PCI domain (segment) number.</summary>
    public int Domain { get; set; }

    /// <summary>Number of the root bus (first number of the host's <c>bus-range</c>).</summary>
    public byte RootBus { get; set; }

    /// <summary>Highest bus number the host may use (end of <c>bus-range</c>).</summary>
    public byte LastBus { get; set; } = 0xff;

    /// <summary>DT path of the host bridge node, if known.</summary>
    public string? HostDtPath { get; set; }

    /// <summary>Directory the host bridge's <c>pciDDDD:BB</c> directory sits in (DT hosts: the platform device's).</summary>
    public string HostSysfsParent { get; set; } = "/sys/devices";

    /// <summary>
    /// <c>PCI_REASSIGN_ALL_BUS</c>: renumber every bridge. Null: true when no bridge gives bus numbers.
    /// </summary>
    public bool? ReassignAllBuses { get; set; }

    /// <summary>
    /// Enforce what enumeration needs (function 0 present, function 0 multifunction when others exist, only device 0
    /// below a PCIe downstream-type port). Sysfs dumps relax it: what is in them was found (ARI, hypervisors).
    /// </summary>
    public bool Strict { get; set; } = true;

    /// <summary>Functions on the root bus.</summary>
    public List<PciFunctionSpec> Devices { get; } = [];

    /// <summary>The description's own <c>pci_dev_acs_enabled[]</c> entries (YAML <c>acs-quirks</c>); they answer before the kernel's.</summary>
    public List<PciAcsQuirk> AcsQuirks { get; } = [];

    /// <summary>
    /// The kernel's built-in quirks to apply (<see cref="PciQuirkSet"/>); <see cref="PciQuirkSet.None"/> for
    /// a bare description. A boot applies its profile's with <see cref="PciTopology.WithQuirks"/>.
    /// </summary>
    public PciQuirkSet Quirks { get; set; } = PciQuirkSet.None;

    public PciUntrustedRule UntrustedRule { get; set; } = PciUntrustedRule.ExternalFacingParent;

    public PciSourceLocation? Location { get; set; }

    public Dictionary<string, PciSourceLocation> KeyLocations { get; } = [];

    internal PciSourceLocation LocationOf(string key) =>
        KeyLocations.TryGetValue(key, out var l) ? l : Location ?? NoLocation;
}
