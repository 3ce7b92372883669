using ProbeSim.Acpi.Ivrs;

namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// The IVRS passes of <c>early_amd_iommu_init</c>: checksum, the IVHD type to read, then every block of that type in
/// table order (<c>init_iommu_all</c>), each giving one IOMMU, its PCI segment (allocated at its first IVHD, sized by
/// <c>find_last_devid_acpi</c>) and the rlookup/alias/special/ACPI HID entries of its device entries; last, every IOMMU's
/// own function is taken out of the rlookup table. IVMD blocks (unity maps) and the device table bits are not modelled.
/// </summary>
internal sealed class AmdIommuTableBuilder
{
    /// <summary><c>MAX_IOMMUS</c> (drivers/iommu/amd/amd_iommu_types.h:23).</summary>
    public const int MaxIommus = 32;

    private readonly IvrsTable _ivrs;
    private readonly AmdIommuCmdline _cmdline;
    private readonly List<AmdIommuUnit> _iommus = new();
    private readonly List<AmdPciSegment> _segments = new();
    private readonly List<AmdSpecialDevice> _ioApics = new(), _hpets = new();
    private readonly List<AmdAcpiHidDevice> _acpiHids = new();
    private byte? _target;

    private AmdIommuTableBuilder(IvrsTable ivrs, AmdIommuCmdline cmdline) { _ivrs = ivrs; _cmdline = cmdline; }

    public static AmdIommuTables Build(IvrsTable ivrs, AmdIommuCmdline cmdline, AmdIommuRules rules)
    {
        var b = new AmdIommuTableBuilder(ivrs, cmdline);
        var failure = b.Run(rules);
        return new AmdIommuTables(b._target, b._iommus, b._segments, b._ioApics, b._hpets, b._acpiHids, failure);
    }

    private AmdIommuFailure? Run(AmdIommuRules rules)
    {
        // check_ivrs_checksum (drivers/iommu/amd/init.c:595-609), from early_amd_iommu_init (init.c:3107-3109): -ENODEV
        if (!_ivrs.Header.ChecksumValid) return new AmdIvrsBadChecksum(_ivrs.Header.Checksum);
        // get_highest_supported_ivhd_type (init.c:1893-1911), from early_amd_iommu_init (init.c:3113)
        _target = rules.FixedIvhdType ?? _ivrs.TargetIvhdType;
        if (_target is not { } target) return null;
        // init_iommu_all (init.c:1927-1950): phase 1, one IOMMU per block of the chosen type, in table order
        foreach (var block in _ivrs.Blocks)
        {
            if (block.Type != target) continue;
            // find_last_devid_from_ivhd (init.c:561-564): a chosen type that is no IVHD type fails the segment's setup
            if (block is not IvhdBlock h) return new AmdUnsupportedIvhdType(block.Type, block.Offset);
            // init_iommu_one (init.c:1765-1768): the segment is allocated at its first IVHD
            var seg = _segments.FirstOrDefault(s => s.Id == h.Segment);
            if (seg is null)
            {
                if (AllocSegment(h.Segment, target) is { } bad) return bad;
                seg = _segments[^1];
            }
            // init_iommu_one (init.c:1775-1780): the index is taken before the limit is checked
            int index = _iommus.Count;
            if (index >= MaxIommus) return new AmdTooManyIommus(index, h.Offset);
            var (efr, efr2) = AmdIommuFeatures.FromIvhd(h, _ivrs.IvInfo);
            // init_iommu_one (init.c:1788-1790): the IOMMU's own function, capability offset and registers come from the IVHD
            var unit = new AmdIommuUnit(index, h.Segment, h.DeviceId, h.CapabilityOffset, h.BaseAddress, h.Type, h.Offset, h.Features, efr, efr2);
            _iommus.Add(unit);
            if (FromAcpi(unit, h, seg) is { } failed) return failed;
        }
        // init_iommu_one_late (init.c:1878-1882), phase 3 of init_iommu_all (init.c:1955-1960): no IOMMU translates its own function
        foreach (var u in _iommus)
            _segments.First(s => s.Id == u.Segment).ClearIommuFunction(u.DeviceId);
        return null;
    }

    /// <summary>alloc_pci_segment (drivers/iommu/amd/init.c:1591-1610): last_bdf from every IVHD of the chosen type in the segment.</summary>
    private AmdIommuFailure? AllocSegment(ushort id, byte target)
    {
        int last = 0;
        foreach (var h in _ivrs.Ivhds)
        {
            if (h.Segment != id || h.Type != target) continue;
            // find_last_devid_acpi (init.c:629-632): an IVHD without a device-ID entry gives -EINVAL, no segment
            if (h.LastDeviceId is not { } l) return new AmdIvhdWithoutDevices(id, h.Offset);
            // find_last_devid_acpi (init.c:633-634): the segment's last_bdf is the highest of its IVHDs'
            last = Math.Max(last, l);
        }
        _segments.Add(AmdPciSegment.Empty(id, (ushort)last));
        return null;
    }

    /// <summary>init_iommu_from_acpi (drivers/iommu/amd/init.c:1319-1588): the device entries of one IVHD.</summary>
    private AmdIommuFailure? FromAcpi(AmdIommuUnit iommu, IvhdBlock h, AmdPciSegment seg)
    {
        // init_iommu_from_acpi (init.c:1333-1335): add_early_maps puts the command-line overrides first (once; later calls find them)
        if (_iommus.Count == 1) AddEarlyMaps();
        foreach (var r in h.Devices)
        {
            // init_iommu_from_acpi (init.c:1367-1368): ALL sets every device up to the segment's last_bdf
            int last = r.AllDevices ? Math.Min((int)r.Last, seg.LastBdf) : r.Last;
            for (int d = r.First; d <= last; d++)
            {
                // set_dev_entry_from_acpi (init.c:1205): each device's rlookup entry names this IOMMU
                seg.SetRlookup((ushort)d, iommu.Index);
                // init_iommu_from_acpi (init.c:1410-1412, 1468-1473): an alias entry points the device at its alias, whose DTE is set too
                if (r.AliasTo is { } to)
                {
                    seg.SetAlias((ushort)d, to);
                    seg.SetRlookup(to, iommu.Index);
                }
            }
        }
        foreach (var e in h.Entries)
        {
            switch (e)
            {
                case IvhdSpecialEntry s:
                    {
                        // add_special_device (init.c:1212-1218): neither IOAPIC nor HPET is -EINVAL, and init_iommu_from_acpi fails
                        if (s.Variety == IvhdSpecialVariety.Unknown) return new AmdUnknownSpecialVariety(s.RawVariety, s.Offset);
                        var map = s.Variety == IvhdSpecialVariety.IoApic ? _ioApics : _hpets;
                        // add_special_device (init.c:1220-1230): a command-line entry for the same ID wins and its requestor ID is used
                        var entry = map.FirstOrDefault(m => m.Id == s.Handle && m.FromCmdline)
                            ?? Added(map, new AmdSpecialDevice(s.Handle, h.Segment, s.SourceId, false));
                        // init_iommu_from_acpi (init.c:1510): the DTE (and rlookup entry) set is the requestor ID's, in this IOMMU's segment
                        seg.SetRlookup(entry.DeviceId, iommu.Index);
                        break;
                    }
                case IvhdAcpiHidEntry a when a.Used:
                    {
                        // add_acpi_hid_device (init.c:1251-1261): a command-line entry with the same HID (and UID, when both have one) wins
                        var entry = _acpiHids.FirstOrDefault(m => m.FromCmdline && m.Hid == a.Hid && (a.Uid.Length == 0 || m.Uid.Length == 0 || m.Uid == a.Uid))
                            ?? Added(_acpiHids, new AmdAcpiHidDevice(a.Hid, a.Uid, h.Segment, a.DeviceId, false));
                        // init_iommu_from_acpi (init.c:1576): the DTE and rlookup entry of the (possibly overridden) requestor ID
                        seg.SetRlookup(entry.DeviceId, iommu.Index);
                        break;
                    }
            }
        }
        return null;
    }

    /// <summary>add_early_maps (drivers/iommu/amd/init.c:1281-1317): the command-line IOAPIC, HPET and ACPI HID overrides, a repeated ID keeping its first.</summary>
    private void AddEarlyMaps()
    {
        foreach (var o in _cmdline.IoApicOverrides)
            if (!_ioApics.Any(m => m.Id == o.Id)) _ioApics.Add(new AmdSpecialDevice(o.Id, o.Segment, o.DeviceId, true));
        foreach (var o in _cmdline.HpetOverrides)
            if (!_hpets.Any(m => m.Id == o.Id)) _hpets.Add(new AmdSpecialDevice(o.Id, o.Segment, o.DeviceId, true));
        foreach (var o in _cmdline.AcpiHidOverrides)
            if (!_acpiHids.Any(m => m.Hid == o.Hid && (o.Uid.Length == 0 || m.Uid.Length == 0 || m.Uid == o.Uid)))
                _acpiHids.Add(new AmdAcpiHidDevice(o.Hid, o.Uid, o.Segment, o.DeviceId, true));
    }

    private static T Added<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}
