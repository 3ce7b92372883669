using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Pci;

/// <summary>
/// Reads the <c>pci:</c> mapping of a topology description (format: <c>docs/pci-topology.md</c>).
/// </summary>
public static class PciTopologyYaml
{
    public static readonly IReadOnlyList<string> TopKeys =
        ["host", "domain", "root-bus", "last-bus", "reassign-buses", "sysfs-parent", "untrusted-rule", "acs-quirks", "devices"];

    public static readonly IReadOnlyList<string> DeviceKeys =
    [
        "slot", "type", "id", "subsystem-vendor", "subsystem-device", "class", "multifunction", "acs", "acs-cap", "acs-ctrl",
        "external-facing", "quirks", "alias-of", "subsystem", "secondary", "subordinate", "below",
    ];

    private static readonly IReadOnlyList<string> QuirkKeys = ["id", "provides"];

    /// <summary>Parses and builds the topology described by <paramref name="pci"/> (the value of <c>pci:</c>).</summary>
    /// <param name="file">File name used in error messages.</param>
    /// <param name="extraDeviceKeys">Further keys allowed on devices; their values land in <see cref="PciFunction.Extra"/>.</param>
    public static PciTopology Parse(YamlMappingNode pci, string file, IReadOnlyCollection<string>? extraDeviceKeys = null) =>
        PciTopology.Build(ParseSpec(pci, file, extraDeviceKeys));

    /// <summary>Parses without building (for callers that adjust the description first).</summary>
    public static PciTopologySpec ParseSpec(YamlMappingNode pci, string file, IReadOnlyCollection<string>? extraDeviceKeys = null)
    {
        var r = new PciYamlReader(file);
        var spec = new PciTopologySpec { Location = r.At(pci) };
        YamlNode? devices = null;
        foreach (var (key, keyNode, value) in r.Entries(pci, "pci", [.. TopKeys]))
        {
            spec.KeyLocations[key] = r.At(keyNode);
            switch (key)
            {
                case "host": spec.HostDtPath = r.Scalar(value, "host"); break;
                case "domain": spec.Domain = r.Int(value, "domain", 0, 0xffff); break;
                case "root-bus": spec.RootBus = (byte)r.Int(value, "root-bus", 0, 0xff); break;
                case "last-bus": spec.LastBus = (byte)r.Int(value, "last-bus", 0, 0xff); break;
                case "reassign-buses": spec.ReassignAllBuses = r.Bool(value, "reassign-buses"); break;
                case "sysfs-parent": spec.HostSysfsParent = r.Scalar(value, "sysfs-parent"); break;
                case "untrusted-rule":
                    spec.UntrustedRule = r.Scalar(value, "untrusted-rule") switch
                    {
                        "external-facing-parent" => PciUntrustedRule.ExternalFacingParent,
                        "arch-removable" => PciUntrustedRule.ArchRemovable,
                        var s => throw r.Error(value, $"untrusted-rule must be external-facing-parent or arch-removable, not '{s}'"),
                    };
                    break;
                case "acs-quirks":
                    foreach (var item in r.Sequence(value, "acs-quirks").Children)
                        spec.AcsQuirks.Add(Quirk(r, item));
                    break;
                case "devices": devices = value; break;
            }
        }
        if (spec.LastBus < spec.RootBus)
            throw new PciTopologyException(spec.LocationOf("last-bus"), $"last-bus {spec.LastBus:x2} is below root-bus {spec.RootBus:x2}");
        if (devices is not null && !PciYamlReader.IsNull(devices))
            Bus(r, devices, "devices", spec.Devices, extraDeviceKeys);
        return spec;
    }

    private static PciAcsQuirk Quirk(PciYamlReader r, YamlNode node)
    {
        var map = r.Mapping(node, "an acs-quirks entry");
        (ushort Vendor, ushort? Device)? id = null;
        PciAcsFlags? provides = null;
        foreach (var (key, _, value) in r.Entries(map, "an acs-quirks entry", [.. QuirkKeys]))
        {
            if (key == "id") id = r.Id(value, "id", anyDevice: true);
            else provides = r.AcsFlags(value, "provides");
        }
        if (id is null) throw r.Error(node, "an acs-quirks entry needs 'id' (vendor:device or vendor:*)");
        if (provides is null) throw r.Error(node, "an acs-quirks entry needs 'provides' (the ACS controls the device is deemed to have)");
        return new PciAcsQuirk(id.Value.Vendor, id.Value.Device, provides.Value) { Location = r.At(node) };
    }

    private static void Bus(PciYamlReader r, YamlNode node, string what, List<PciFunctionSpec> into, IReadOnlyCollection<string>? extra)
    {
        foreach (var item in r.Sequence(node, what).Children)
            into.Add(Device(r, item, extra));
    }

    private static PciFunctionSpec Device(PciYamlReader r, YamlNode node, IReadOnlyCollection<string>? extra)
    {
        var map = r.Mapping(node, "a device");
        var s = new PciFunctionSpec { Location = r.At(node) };
        var hasSlot = false;
        PciAcsFlags? acsBoth = null, acsCap = null, acsCtrl = null;
        var noAcs = false;
        YamlNode? below = null;

        foreach (var (key, keyNode, value) in r.Entries(map, "a device", [.. DeviceKeys], extra))
        {
            s.KeyLocations[key] = key is "below" ? r.At(keyNode) : r.At(value);
            switch (key)
            {
                case "slot":
                    var devfn = r.Slot(value, "slot");
                    (s.Device, s.Function, hasSlot) = (PciDevfn.Slot(devfn), PciDevfn.Func(devfn), true);
                    break;
                case "type":
                    var t = r.Scalar(value, "type");
                    s.Kind = PciDeviceKinds.FromYamlName(t)
                        ?? throw r.Error(value, $"unknown type '{t}'; expected one of: {string.Join(", ", PciDeviceKinds.All.Select(k => k.YamlName()))}");
                    break;
                case "id":
                    var id = r.Id(value, "id", anyDevice: false);
                    (s.VendorId, s.DeviceId) = (id.Vendor, id.Device!.Value);
                    break;
                case "subsystem":
                    var sub = r.Id(value, "subsystem", anyDevice: false);
                    (s.SubsystemVendorId, s.SubsystemDeviceId) = (sub.Vendor, sub.Device!.Value);
                    break;
                case "subsystem-vendor": s.SubsystemVendorId = (ushort)r.Hex(value, "subsystem-vendor", 4); break;
                case "subsystem-device": s.SubsystemDeviceId = (ushort)r.Hex(value, "subsystem-device", 4); break;
                case "class": s.ClassCode = r.Hex(value, "class", 6); break;
                case "multifunction": s.Multifunction = r.Bool(value, "multifunction"); break;
                case "acs":
                    if (value is YamlScalarNode { Value: "none" }) noAcs = true;
                    else acsBoth = r.AcsFlags(value, "acs");
                    break;
                case "acs-cap": acsCap = r.AcsFlags(value, "acs-cap"); break;
                case "acs-ctrl": acsCtrl = r.AcsFlags(value, "acs-ctrl"); break;
                case "external-facing": s.ExternalFacing = r.Bool(value, "external-facing"); break;
                case "quirks":
                    foreach (var q in r.Sequence(value, "quirks").Children)
                    {
                        var name = r.Scalar(q, "quirk");
                        s.Flags |= name switch
                        {
                            "pcie-bridge-alias" => PciDevFlags.PcieBridgeAlias,
                            "bridge-xlate-root" => PciDevFlags.BridgeXlateRoot,
                            "acs-enabled-quirk" => PciDevFlags.AcsEnabledQuirk,
                            _ => throw r.Error(q, $"unknown quirk '{name}'; expected pcie-bridge-alias, bridge-xlate-root or acs-enabled-quirk"),
                        };
                    }
                    break;
                case "alias-of":
                    var aliases = value is YamlSequenceNode seq ? seq.Children : (IEnumerable<YamlNode>)[value];
                    foreach (var a in aliases) s.DmaAliasDevfns.Add(r.Slot(a, "alias-of"));
                    break;
                case "secondary": s.SecondaryBus = (byte)r.Int(value, "secondary", 1, 0xff); break;
                case "subordinate": s.SubordinateBus = (byte)r.Int(value, "subordinate", 1, 0xff); break;
                case "below": below = value; break;
                default: s.Extra[key] = value; break;
            }
        }

        if (!hasSlot) throw r.Error(node, "a device needs 'slot' (DD.F)");
        if ((acsBoth is not null || noAcs) && (acsCap is not null || acsCtrl is not null))
            throw new PciTopologyException(s.LocationOf(acsCap is not null ? "acs-cap" : "acs-ctrl"),
                "give either 'acs' or 'acs-cap'/'acs-ctrl', not both");
        if (acsBoth is PciAcsFlags both) s.Acs = new PciAcsCapability(both, both);
        else if (acsCap is not null || acsCtrl is not null)
            s.Acs = new PciAcsCapability(acsCap ?? acsCtrl!.Value, acsCtrl ?? PciAcsFlags.None);
        if ((s.SecondaryBus is null) != (s.SubordinateBus is null))
            throw new PciTopologyException(s.LocationOf(s.SecondaryBus is null ? "subordinate" : "secondary"),
                "give both 'secondary' and 'subordinate' bus numbers, or neither");
        if (s.SecondaryBus > s.SubordinateBus)
            throw new PciTopologyException(s.LocationOf("subordinate"),
                $"subordinate bus {s.SubordinateBus:x2} is below secondary bus {s.SecondaryBus:x2}");
        if (below is not null && !PciYamlReader.IsNull(below))
            Bus(r, below, "below", s.Below, extra);
        return s;
    }
}
