namespace ProbeSim.Kernel.Pci;

/// <summary>Turns a <see cref="PciTopologySpec"/> into a <see cref="PciTopology"/>: what <c>pci_scan_slot</c> would find.</summary>
internal static class PciTopologyBuilder
{
    public static PciTopology Build(PciTopologySpec spec)
    {
        var topology = new PciTopology(spec);
        var specs = new Dictionary<PciFunction, PciFunctionSpec>(ReferenceEqualityComparer.Instance);
        CreateBus(topology, spec, null, spec.Devices, specs);

        var anyGiven = specs.Values.Any(s => s.SecondaryBus is not null || s.SubordinateBus is not null);
        var reassign = spec.ReassignAllBuses ?? !anyGiven;
        topology.ReassignedAllBuses = reassign;
        new PciBusScan(topology, specs, reassign, spec.LastBus).ScanRoot();

        foreach (var (f, s) in specs)
            if (s.ExpectedBus is byte expected && expected != f.Bus)
                throw new PciTopologyException(s.Location ?? PciTopologySpec.NoLocation,
                    $"{Slot(f)} is named for bus {expected:x2} but the bridge numbering puts it on bus {f.Bus:x2}");
        return topology;
    }

    private static string Slot(PciFunction f) => PciDevfn.Format(f.Devfn);

    private static void CreateBus(PciTopology topology, PciTopologySpec top, PciFunction? parent, List<PciFunctionSpec> bus,
        Dictionary<PciFunction, PciFunctionSpec> specs)
    {
        var byDevfn = new SortedDictionary<byte, PciFunctionSpec>();
        foreach (var s in bus)
        {
            if (s.Device is < 0 or >= PciDevfn.MaxDevices || s.Function is < 0 or >= PciDevfn.MaxFunctions)
                throw new PciTopologyException(s.LocationOf("slot"), $"slot {s.Device:x}.{s.Function} is out of range (device 00-1f, function 0-7)");
            var devfn = PciDevfn.Make(s.Device, s.Function);
            if (byDevfn.TryGetValue(devfn, out var first))
                throw new PciTopologyException(s.LocationOf("slot"),
                    $"duplicate slot {PciDevfn.Format(devfn)} on this bus (first at {first.LocationOf("slot")})");
            byDevfn[devfn] = s;
        }

        var created = new List<PciFunction>();
        foreach (var (devfn, s) in byDevfn)
        {
            var f = Create(topology, top, parent, devfn, s, byDevfn);
            specs[f] = s;
            created.Add(f);
            if (parent is null) topology.AddRootFunction(f);
            else parent.AddChild(f);
        }

        foreach (var f in created)
            CreateBus(topology, top, f, specs[f].Below, specs);
    }

    private static PciFunction Create(PciTopology topology, PciTopologySpec top, PciFunction? parent, byte devfn, PciFunctionSpec s,
        SortedDictionary<byte, PciFunctionSpec> bus)
    {
        var kind = s.Kind ?? PciDeviceKinds.Default(s.ClassCode, parent);
        var corrected = false;
        // set_pcie_port_type: a "downstream port" directly below a downstream-type port is really an upstream port
        if (kind == PciDeviceKind.DownstreamPort && parent is not null && IsPcieDownstreamPort(parent))
            (kind, corrected) = (PciDeviceKind.UpstreamPort, true);
        // set_pcie_port_type: an "upstream port" directly below an upstream port is really a downstream port
        else if (kind == PciDeviceKind.UpstreamPort && parent?.PcieType == PciExpressType.Upstream)
            (kind, corrected) = (PciDeviceKind.DownstreamPort, true);

        var f = new PciFunction(topology, parent, devfn, kind)
        {
            PcieTypeCorrected = corrected,
            VendorId = s.VendorId,
            DeviceId = s.DeviceId,
            SubsystemVendorId = s.SubsystemVendorId,
            SubsystemDeviceId = s.SubsystemDeviceId,
            Acs = s.Acs,
            ExternalFacing = s.ExternalFacing,
            Flags = s.Flags,
            Location = s.Location,
            Extra = new Dictionary<string, YamlDotNet.RepresentationModel.YamlNode>(s.Extra),
        };
        if (s.ClassCode is uint cls) f.ClassCode = cls & 0xffffff;
        if (s.HeaderType is PciHeaderType h) f.HeaderType = h;
        foreach (var alias in s.DmaAliasDevfns) f.AddDmaAlias(alias);
        f.CapabilityIds = s.CapabilityIds.ToArray();

        var slot = PciDevfn.Slot(devfn);
        var others = bus.Keys.Any(d => PciDevfn.Slot(d) == slot && d != devfn);
        if (PciDevfn.Func(devfn) > 0)
        {
            // pci_scan_slot: every function after 0 that is found is marked multifunction
            f.Multifunction = true;
            if (top.Strict)
            {
                // pci_scan_slot: function 0 is required, and next_fn only goes on when function 0 is multifunction
                if (!bus.TryGetValue(PciDevfn.Make(slot, 0), out var fn0))
                    throw new PciTopologyException(s.LocationOf("slot"),
                        $"function {PciDevfn.Format(devfn)} has no function 0 in its slot; Linux only scans a slot whose function 0 exists");
                if (fn0.Multifunction == false)
                    throw new PciTopologyException(fn0.LocationOf("multifunction"),
                        $"function {PciDevfn.Format(PciDevfn.Make(slot, 0))} is not multifunction, so {PciDevfn.Format(devfn)} would not be scanned");
            }
        }
        else
        {
            // pci_setup_device: multifunction from header type bit 7 (inferred when the slot has more functions)
            f.Multifunction = s.Multifunction ?? others;
        }

        // only_one_child: below a PCIe root port, downstream port or PCI-to-PCIe bridge only device 0 is scanned
        if (top.Strict && slot != 0 && parent is not null && IsPcieDownstreamPort(parent))
            throw new PciTopologyException(s.LocationOf("slot"),
                $"device {slot:x2} below {parent.Kind.YamlName()} {PciDevfn.Format(parent.Devfn)} would not be enumerated: " +
                "Linux scans only device 0 on the link below a PCIe root/downstream port");

        if (s.Below.Count > 0)
        {
            if (!f.IsBridge)
                throw new PciTopologyException(s.LocationOf("below"),
                    $"'below' on {PciDevfn.Format(devfn)}, a {f.Kind.YamlName()}, which is not a bridge");
            // pci_scan_bridge_extend: the PCI core does not scan behind CardBus bridges
            if (f.HeaderType == PciHeaderType.CardBus)
                throw new PciTopologyException(s.LocationOf("below"),
                    $"'below' on CardBus bridge {PciDevfn.Format(devfn)}: the PCI core does not scan behind CardBus bridges");
        }
        return f;
    }

    /// <summary><c>pcie_downstream_port</c>: root port, downstream port or PCI/X-to-PCIe bridge.</summary>
    internal static bool IsPcieDownstreamPort(PciFunction dev) =>
        dev.PcieType is PciExpressType.RootPort or PciExpressType.Downstream or PciExpressType.PciToPcieBridge;
}
