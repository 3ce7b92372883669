namespace ProbeSim.Kernel.Pci;

/// <summary>
/// One entry of the device-specific ACS table (<c>pci_dev_acs_enabled[]</c> in <c>quirks.c</c>) as data: devices
/// matching <see cref="Vendor"/> and <see cref="Device"/> (null = any device of the vendor) are deemed to provide
/// the controls in <see cref="Provides"/>, whatever their ACS registers say.
/// </summary>
public sealed record PciAcsQuirk(ushort Vendor, ushort? Device, PciAcsFlags Provides)
{
    /// <summary>Where the entry came from (YAML), if anywhere.</summary>
    public PciSourceLocation? Location { get; init; }

    public bool Matches(PciFunction dev) => dev.VendorId == Vendor && (Device is null || dev.DeviceId == Device);

    /// <summary><c>pci_acs_ctrl_enabled</c>: every requested control is among those provided.</summary>
    // pci_acs_ctrl_enabled: (requested & provided) == requested
    public bool Answer(PciAcsFlags requested) => (requested & Provides) == requested;
}
