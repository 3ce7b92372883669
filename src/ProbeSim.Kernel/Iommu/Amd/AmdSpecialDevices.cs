namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// One entry of the kernel's <c>ioapic_map</c> or <c>hpet_map</c> (<c>struct devid_map</c>): the IOAPIC ID or HPET
/// number and the requestor ID its interrupts come with (segment and 16-bit device ID), from an IVRS SPECIAL entry or
/// the command line (<see cref="FromCmdline"/>, <c>cmd_line</c>). List order is the kernel's: command-line entries first.
/// </summary>
public sealed record AmdSpecialDevice(byte Id, ushort Segment, ushort DeviceId, bool FromCmdline);

/// <summary>
/// One entry of the kernel's <c>acpihid_map</c>: an ACPI device (no PCI function of its own) by HID and UID, and the
/// requestor ID it uses. <see cref="RootDeviceId"/> is the device ID with the function bits cleared (<c>root_devid</c>).
/// </summary>
public sealed record AmdAcpiHidDevice(string Hid, string Uid, ushort Segment, ushort DeviceId, bool FromCmdline)
{
    /// <summary>add_acpi_hid_device (drivers/iommu/amd/init.c:1271): the device ID with the function bits cleared.</summary>
    public ushort RootDeviceId => (ushort)(DeviceId & ~0x7);

    /// <summary>
    /// acpi_dev_hid_uid_match (drivers/acpi/utils.c:780-793) as get_acpihid_device_id calls it: the HID must be equal;
    /// an entry with an empty UID matches any UID, else the device's UID must be equal.
    /// </summary>
    public bool Matches(string hid, string? uid) =>
        Hid == hid && (Uid.Length == 0 || (uid is not null && uid == Uid));
}
