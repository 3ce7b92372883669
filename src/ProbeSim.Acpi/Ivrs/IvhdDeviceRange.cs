namespace ProbeSim.Acpi.Ivrs;

/// <summary>
/// Requestor IDs <see cref="First"/>..<see cref="Last"/> (bus &lt;&lt; 8 | devfn, within the block's segment) that an
/// IVHD's entries give one DTE setting. Ranges are kept as ranges, not expanded. With <see cref="AliasTo"/> the devices'
/// DMA is seen with that requestor ID, and the kernel gives the alias the same setting. <see cref="AllDevices"/> is the
/// ALL entry: the kernel stops at the segment's last device ID, so <see cref="Last"/> is only the most it can be.
/// <see cref="EntryOffset"/> is the entry that closed the range (the SELECT, ALIAS, or END_RANGE).
/// </summary>
public sealed record IvhdDeviceRange(
    ushort First,
    ushort Last,
    byte DteSetting,
    uint ExtSetting,
    ushort? AliasTo,
    bool AllDevices,
    long EntryOffset)
{
    public bool Contains(ushort requestorId) => requestorId >= First && requestorId <= Last;
}
