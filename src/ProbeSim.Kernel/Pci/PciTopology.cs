using ProbeSim.Kernel.Pci.Quirks;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// The PCI hierarchy below one host bridge: one PCI domain, its root bus and every function found on it and below it.
/// </summary>
public sealed class PciTopology
{
    private readonly List<PciFunction> _rootBus = [];
    private readonly List<PciFunction> _scanOrder = [];
    private readonly List<string> _warnings = [];

    internal PciTopology(PciTopologySpec spec, PciQuirkSet quirks)
    {
        Spec = spec;
        Quirks = quirks;
        Domain = spec.Domain;
        RootBus = spec.RootBus;
        HostDtPath = spec.HostDtPath;
        HostSysfsParent = spec.HostSysfsParent;
        UntrustedRule = spec.UntrustedRule;
        AcsQuirks = [.. spec.AcsQuirks];
        Location = spec.Location;
        HostLocation = spec.KeyLocations.GetValueOrDefault("host");
    }

    /// <summary>Build a topology from a description (validates it and numbers the buses); see <see cref="PciTopologySpec"/>.</summary>
    public static PciTopology Build(PciTopologySpec spec) => PciTopologyBuilder.Build(spec, spec.Quirks);

    /// <summary>The description this hierarchy was built from (kept to build it again with other quirks).</summary>
    internal PciTopologySpec Spec { get; }

    /// <summary>The kernel's built-in quirks applied to this hierarchy (<see cref="PciQuirkSet.None"/>: a bare description).</summary>
    public PciQuirkSet Quirks { get; }

    /// <summary>
    /// This hierarchy as a kernel with <paramref name="quirks"/> sees it: itself when those are the quirks it has, else
    /// built again from its description with them (header fixups rerun), keeping what was changed since it was built: the
    /// description's ACS entries, the sysfs parent, the untrusted rule and each function's ACS registers and enable flag.
    /// </summary>
    public PciTopology WithQuirks(PciQuirkSet quirks)
    {
        if (Quirks.Equals(quirks)) return this;
        var t = PciTopologyBuilder.Build(Spec, quirks);
        t.AcsQuirks.Clear();
        t.AcsQuirks.AddRange(AcsQuirks);
        t.HostSysfsParent = HostSysfsParent;
        t.UntrustedRule = UntrustedRule;
        foreach (var f in _scanOrder)
            if (t.Find(f.Bus, f.Devfn) is { } g)
            {
                g.Acs = f.Acs;
                g.IntelSptAcsControl = f.IntelSptAcsControl;
                g.Flags |= f.Flags & PciDevFlags.AcsEnabledQuirk;
            }
        return t;
    }

    public int Domain { get; }

    public byte RootBus { get; }

    /// <summary>DT path of the host bridge node this hierarchy hangs off, if the description named one.</summary>
    public string? HostDtPath { get; }

    /// <summary>Directory containing the host bridge directory (<c>/sys/devices</c>, or a platform device's on DT).</summary>
    public string HostSysfsParent { get; set; }

    /// <summary>The host bridge device's name, <c>pci%04x:%02x</c> (domain, root bus).</summary>
    public string HostName => $"pci{Domain:x4}:{RootBus:x2}";

    public string HostSysfsPath => HostSysfsParent.TrimEnd('/') + "/" + HostName;

    /// <summary>Whether the buses were renumbered (<c>PCI_REASSIGN_ALL_BUS</c>) rather than taken from the description.</summary>
    public bool ReassignedAllBuses { get; internal set; }

    /// <summary>Highest bus number in use.</summary>
    public byte LastBusNumber { get; internal set; }

    /// <summary><c>pci_dev_acs_enabled[]</c> entries in force (first match answers); empty by default.</summary>
    public List<PciAcsQuirk> AcsQuirks { get; }

    public PciUntrustedRule UntrustedRule { get; set; }

    public PciSourceLocation? Location { get; }

    /// <summary>Where the description's <c>host:</c> key is written (null when it has none).</summary>
    public PciSourceLocation? HostLocation { get; }

    /// <summary>Things the kernel would warn about while scanning (e.g. a subordinate number too small).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Functions on the root bus, in devfn order.</summary>
    public IReadOnlyList<PciFunction> RootBusFunctions => _rootBus;

    /// <summary>Every function, in <see cref="ScanOrder"/>.</summary>
    public IReadOnlyList<PciFunction> Functions => _scanOrder;

    /// <summary>
    /// The order <c>pci_scan_child_bus</c> registers the functions (<c>pci_device_add</c> -> <c>device_add</c>):
    /// each bus's devices in devfn order, then the buses behind its bridges, firmware-configured bridges (pass 0)
    /// before renumbered ones (pass 1). This is the PCI bus type's device list order (<c>for_each_pci_dev</c>,
    /// <c>bus_for_each_dev</c>). Equal to <see cref="AddOrder"/> unless some, but not all, bridges were renumbered.
    /// </summary>
    public IReadOnlyList<PciFunction> ScanOrder() => _scanOrder;

    /// <summary>
    /// The order <c>pci_bus_add_devices</c> adds the functions: all functions of a bus in list (devfn) order, then,
    /// for each bridge on it in that order, its secondary bus recursively.
    /// </summary>
    public IReadOnlyList<PciFunction> AddOrder()
    {
        var order = new List<PciFunction>();
        AddBus(_rootBus, order);
        return order;
    }

    // pci_bus_add_devices: add the bus's devices first, then recurse into each bridge's subordinate bus
    private static void AddBus(IReadOnlyList<PciFunction> bus, List<PciFunction> order)
    {
        order.AddRange(bus);
        foreach (var dev in bus)
            if (dev.Children.Count > 0) AddBus(dev.Children, order);
    }

    /// <summary>The function at bus/devfn, or null.</summary>
    public PciFunction? Find(int bus, int devfn) => _scanOrder.FirstOrDefault(f => f.Bus == bus && f.Devfn == devfn);

    /// <summary>The function named <c>DDDD:BB:DD.F</c> (or <c>BB:DD.F</c> in this domain), or null.</summary>
    public PciFunction? Find(string name)
    {
        var full = name.Length == 7 ? $"{Domain:x4}:{name}" : name;
        return _scanOrder.FirstOrDefault(f => string.Equals(f.Name, full, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary><c>pci_device_group</c> for one function; see <see cref="PciDeviceGroup.DeviceGroup{TGroup}"/>.</summary>
    public TGroup DeviceGroup<TGroup>(PciFunction pdev, Func<PciFunction, TGroup?> groupOf, Func<TGroup> newGroup)
        where TGroup : class => PciDeviceGroup.DeviceGroup(pdev, groupOf, newGroup);

    /// <summary>Every function grouped in <see cref="AddOrder"/>; groups in creation order.</summary>
    public IReadOnlyList<IReadOnlyList<PciFunction>> GroupAll() => PciDeviceGroup.GroupAll(this);

    internal void AddRootFunction(PciFunction f) => _rootBus.Add(f);

    internal void SortRootBus() => _rootBus.Sort((a, b) => a.Devfn.CompareTo(b.Devfn));

    internal void Registered(PciFunction f) => _scanOrder.Add(f);

    internal void Warn(string message) => _warnings.Add(message);
}
