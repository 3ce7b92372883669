namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// Consecutive entries of <c>pci_dev_acs_enabled[]</c> with one vendor and one function: <see cref="Devices"/> null is
/// <c>PCI_ANY_ID</c>. <see cref="Group"/> names the profile item that brings them (switch <c>pci_acs_quirks</c>);
/// <see cref="Source"/> is where they are in Linux 6.1.192's drivers/pci/quirks.c.
/// </summary>
public sealed record AcsQuirkEntry(string Group, ushort Vendor, IReadOnlyList<ushort>? Devices, AcsQuirkKind Kind, string Source)
{
    public bool Matches(PciFunction dev) => dev.VendorId == Vendor && (Devices is null || Devices.Contains(dev.DeviceId));
}

/// <summary>
/// Device IDs a quirk function checks inside itself (its own <c>switch</c> or ID array), for the entries of
/// <see cref="Kind"/>; several groups may add to one function's list as releases extended it.
/// </summary>
public sealed record AcsQuirkDevices(string Group, AcsQuirkKind Kind, IReadOnlyList<PciDeviceRange> Devices, string Source);
