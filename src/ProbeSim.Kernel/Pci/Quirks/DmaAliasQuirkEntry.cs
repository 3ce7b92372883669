namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// <c>DECLARE_PCI_FIXUP_HEADER</c> lines with one vendor and one fixup function, for <see cref="Devices"/>.
/// <see cref="Group"/> names the profile item that brings them (switch <c>pci_dma_alias_quirks</c>); <see cref="Source"/>
/// is where they are in Linux 6.1.192's drivers/pci/quirks.c. A <see cref="DmaAliasQuirkKind.Fixed"/> entry also
/// needs <see cref="Subsystem"/> to match and aliases <see cref="AliasDevfn"/>.
/// </summary>
public sealed record DmaAliasQuirkEntry(string Group, ushort Vendor, IReadOnlyList<ushort> Devices, DmaAliasQuirkKind Kind, string Source)
{
    /// <summary>Subsystem vendor and device a <see cref="DmaAliasQuirkKind.Fixed"/> entry requires (<c>PCI_DEVICE_SUB</c>).</summary>
    public (ushort Vendor, ushort Device)? Subsystem { get; init; }

    /// <summary>The devfn a <see cref="DmaAliasQuirkKind.Fixed"/> entry adds (<c>driver_data</c>).</summary>
    public byte AliasDevfn { get; init; }

    public bool Matches(PciFunction dev) =>
        dev.VendorId == Vendor && Devices.Contains(dev.DeviceId)
        && (Subsystem is not { } sub || (dev.SubsystemVendorId, dev.SubsystemDeviceId) == sub);
}
