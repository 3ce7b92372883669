namespace ProbeSim.Acpi.Ivrs;

/// <summary>What an IVHD block's entries say about requestor IDs, worked out as the kernel works it out.</summary>
internal static class IvhdDeviceMap
{
    /// <summary>
    /// The ranges of <c>init_iommu_from_acpi</c>: SELECT-type entries give one device; a START_RANGE-type entry remembers
    /// its device, setting, extended setting and alias until an END_RANGE closes the range (an END_RANGE with no start
    /// before it starts from device 0 with setting 0, the function's initial state). SPECIAL and ACPI HID entries are
    /// not requestor-ID ranges and are left to their entries.
    /// </summary>
    public static IReadOnlyList<IvhdDeviceRange> Ranges(IReadOnlyList<IvhdEntry> entries)
    {
        var ranges = new List<IvhdDeviceRange>();
        ushort start = 0, aliasTo = 0;
        byte flags = 0;
        uint ext = 0;
        bool alias = false;
        foreach (var e in entries)
        {
            switch (e)
            {
                case IvhdAllEntry a:
                    ranges.Add(new IvhdDeviceRange(0, 0xffff, a.DteSetting, 0, null, true, a.Offset));
                    break;
                case IvhdSelectEntry s:
                    ranges.Add(new IvhdDeviceRange(s.DeviceId, s.DeviceId, s.DteSetting, 0, null, false, s.Offset));
                    break;
                case IvhdAliasSelectEntry s:
                    ranges.Add(new IvhdDeviceRange(s.DeviceId, s.DeviceId, s.DteSetting, 0, s.SourceId, false, s.Offset));
                    break;
                case IvhdExtSelectEntry s:
                    ranges.Add(new IvhdDeviceRange(s.DeviceId, s.DeviceId, s.DteSetting, s.ExtSetting, null, false, s.Offset));
                    break;
                case IvhdRangeStartEntry r:
                    (start, flags, ext, alias) = (r.DeviceId, r.DteSetting, 0, false);
                    break;
                case IvhdAliasRangeStartEntry r:
                    (start, flags, ext, alias, aliasTo) = (r.DeviceId, r.DteSetting, 0, true, r.SourceId);
                    break;
                case IvhdExtRangeStartEntry r:
                    (start, flags, ext, alias) = (r.DeviceId, r.DteSetting, r.ExtSetting, false);
                    break;
                case IvhdRangeEndEntry end:
                    // init_iommu_from_acpi: an end below its start sets nothing
                    if (end.DeviceId >= start)
                        ranges.Add(new IvhdDeviceRange(start, end.DeviceId, flags, ext, alias ? aliasTo : null, false, end.Offset));
                    break;
            }
        }
        return ranges;
    }

    /// <summary>
    /// <c>find_last_devid_from_ivhd</c>: 0xffff when there is an ALL entry, else the highest device ID of the SELECT,
    /// END_RANGE, ALIAS_SELECT and EXT_SELECT entries; null when there is none (the kernel returns -EINVAL then).
    /// </summary>
    public static int? LastDeviceId(IReadOnlyList<IvhdEntry> entries)
    {
        int? last = null;
        foreach (var e in entries)
        {
            if (e is IvhdAllEntry) return 0xffff;
            int? id = e switch
            {
                IvhdSelectEntry s => s.DeviceId,
                IvhdRangeEndEntry r => r.DeviceId,
                IvhdAliasSelectEntry a => a.DeviceId,
                IvhdExtSelectEntry x => x.DeviceId,
                _ => null,
            };
            if (id is { } v && (last is null || v > last)) last = v;
        }
        return last;
    }
}
