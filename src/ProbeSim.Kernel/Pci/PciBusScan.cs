namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Bus numbering and device registration order of <c>pci_scan_child_bus_extend</c> and <c>pci_scan_bridge_extend</c>
/// (no hotplug bridges, no SR-IOV bus reservations, no Enhanced Allocation fixed numbers).
/// </summary>
internal sealed class PciBusScan
{
    // pci_scan_bridge_extend: CARDBUS_RESERVE_BUSNR extra bus numbers kept behind a CardBus bridge
    private const int CardBusReserve = 3;

    private readonly PciTopology _topology;
    private readonly Dictionary<PciFunction, PciFunctionSpec> _specs;
    private readonly bool _assignAll;
    private readonly int _lastBus;
    private readonly Dictionary<int, PciFunction?> _buses = [];
    private readonly Dictionary<PciFunction, (int Primary, int Secondary, int Subordinate)> _regs = new(ReferenceEqualityComparer.Instance);

    public PciBusScan(PciTopology topology, Dictionary<PciFunction, PciFunctionSpec> specs, bool assignAll, int lastBus)
    {
        _topology = topology;
        _specs = specs;
        _assignAll = assignAll;
        _lastBus = lastBus;
        foreach (var (f, s) in specs)
            if (f.IsBridge)
                _regs[f] = (s.PrimaryBus ?? (s.SecondaryBus is null && s.SubordinateBus is null ? 0 : -1), s.SecondaryBus ?? 0, s.SubordinateBus ?? 0);
    }

    public void ScanRoot()
    {
        var max = ScanChildBus(_topology.RootBus, _topology.RootBusFunctions, null);
        _topology.LastBusNumber = (byte)max;
    }

    /// <summary><c>pci_scan_child_bus_extend</c>: register the bus's devices, then scan behind its bridges in two passes.</summary>
    private int ScanChildBus(int busNr, IReadOnlyList<PciFunction> devices, PciFunction? self)
    {
        _buses[busNr] = self;
        // pci_scan_child_bus_extend: pci_scan_slot for every device number registers each function found, in devfn order
        foreach (var dev in devices)
        {
            dev.Bus = (byte)busNr;
            _topology.Registered(dev);
        }

        var max = busNr;
        // pci_scan_child_bus_extend: pass 0 handles bridges firmware already configured
        foreach (var dev in devices)
            if (dev.IsBridge) max = ScanBridge(busNr, dev, max, 0);
        // pci_scan_child_bus_extend: pass 1 numbers the remaining bridges
        foreach (var dev in devices)
            if (dev.IsBridge) max = ScanBridge(busNr, dev, max, 1);
        return max;
    }

    /// <summary><c>pci_scan_bridge_extend</c>: returns the new highest bus number below <paramref name="dev"/>'s bus.</summary>
    private int ScanBridge(int busNr, PciFunction dev, int max, int pass)
    {
        var (primary, secondary, subordinate) = _regs[dev];
        if (primary < 0) primary = busNr; // a description that gives secondary/subordinate but no primary means a sane primary
        var isCardBus = dev.HeaderType == PciHeaderType.CardBus;

        // pci_scan_bridge_extend: a primary hard-wired to 0 is taken as the parent bus
        if (primary == 0 && primary != busNr && secondary != 0 && subordinate != 0) primary = busNr;

        // pci_scan_bridge_extend: in pass 0 an inconsistent setup is "broken" and gets renumbered
        var broken = pass == 0 && (primary != busNr || secondary <= busNr || secondary > subordinate);
        if (broken && (secondary != 0 || subordinate != 0))
            _topology.Warn($"{dev.Name}: bridge configuration invalid ([bus {secondary:x2}-{subordinate:x2}]), reconfiguring");

        if ((secondary != 0 || subordinate != 0) && !_assignAll && !isCardBus && !broken)
        {
            // pci_scan_bridge_extend: firmware-configured bridge, handled in pass 0 only
            if (pass != 0) return max;
            if (_buses.TryGetValue(secondary, out var owner))
                throw Conflict(dev, secondary, owner);
            var cmax = ScanChildBus(secondary, dev.Children, dev);
            if (cmax > subordinate)
                _topology.Warn($"{dev.Name}: bridge has subordinate {subordinate:x2} but max busn {cmax:x2}");
            dev.SecondaryBus = (byte)secondary;
            dev.SubordinateBus = (byte)subordinate;
            if (subordinate > max) max = subordinate;
            return max;
        }

        // pci_scan_bridge_extend: bridges to (re)number wait for pass 1; pass 0 only disables their bus registers
        if (pass == 0)
        {
            if (_assignAll || broken || isCardBus) _regs[dev] = (primary, 0, 0);
            return max;
        }

        // pci_scan_bridge_extend: the new secondary bus is the next free number
        var next = max + 1;
        if (next > _lastBus)
            throw new PciTopologyException(LocationOf(dev), $"no bus number left for the bus behind {dev.Name} (last is {_lastBus:x2})");
        if (_buses.TryGetValue(next, out var taken))
            throw Conflict(dev, next, taken);
        max++;

        if (!isCardBus)
        {
            max = ScanChildBus(next, dev.Children, dev);
        }
        else
        {
            // pci_scan_bridge_extend: keep up to CARDBUS_RESERVE_BUSNR numbers for cards with bridges
            _buses[next] = dev;
            var i = 0;
            while (i < CardBusReserve && max + i + 1 <= _lastBus && !_buses.ContainsKey(max + i + 1)) i++;
            max += i;
        }

        // pci_scan_bridge_extend: subordinate = highest number used below
        dev.SecondaryBus = (byte)next;
        dev.SubordinateBus = (byte)max;
        _regs[dev] = (busNr, next, max);
        return max;
    }

    private PciSourceLocation LocationOf(PciFunction dev) =>
        _specs.TryGetValue(dev, out var s) ? s.LocationOf("secondary") : PciTopologySpec.NoLocation;

    private PciTopologyException Conflict(PciFunction dev, int bus, PciFunction? owner) =>
        new(LocationOf(dev), $"bus {bus:x2} behind {dev.Name} is already in use ({(owner is null ? "root bus" : "behind " + owner.Name)})");
}
