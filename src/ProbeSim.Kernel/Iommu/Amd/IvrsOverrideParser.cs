namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>The early maps the <c>ivrs_ioapic</c>, <c>ivrs_hpet</c> and <c>ivrs_acpihid</c> handlers fill, one parameter at a time.</summary>
internal sealed class IvrsOverrideParser
{
    /// <summary><c>EARLY_MAP_SIZE</c> (drivers/iommu/amd/init.c:216).</summary>
    public const int EarlyMapSize = 4;
    /// <summary><c>ACPIHID_HID_LEN</c> and <c>ACPIHID_UID_LEN</c> (amd_iommu_types.h:763-764): buffer sizes with the NUL.</summary>
    public const int HidLength = 9, UidLength = 256;

    public List<AmdSpecialOverride> IoApics { get; } = new();
    public List<AmdSpecialOverride> Hpets { get; } = new();
    public List<AmdAcpiHidOverride> AcpiHids { get; } = new();
    public List<AmdRejectedOverride> Rejected { get; } = new();

    /// <summary>parse_ivrs_ioapic (drivers/iommu/amd/init.c:3515-3551): "=id@[seg:]bus:dev.fn", or the deprecated "[id]=[seg:]bus:dev.fn".</summary>
    public void IoApic(string rest, string parameter) => Special(rest, parameter, IoApics);

    /// <summary>parse_ivrs_hpet (drivers/iommu/amd/init.c:3553-3589): the same formats as ivrs_ioapic.</summary>
    public void Hpet(string rest, string parameter) => Special(rest, parameter, Hpets);

    private void Special(string rest, string parameter, List<AmdSpecialOverride> map)
    {
        long id, seg = 0, bus, dev, fn;
        bool deprecated = false;
        // parse_ivrs_ioapic (init.c:3521-3523): the current form, without then with a segment
        if (Numbers(rest, "=%d@%x:%x.%x", 4) is { } a) (id, bus, dev, fn) = (a[0], a[1], a[2], a[3]);
        else if (Numbers(rest, "=%d@%x:%x:%x.%x", 5) is { } b) (id, seg, bus, dev, fn) = (b[0], b[1], b[2], b[3], b[4]);
        // parse_ivrs_ioapic (init.c:3525-3529): the deprecated form, accepted with a warning
        else if (Numbers(rest, "[%d]=%x:%x.%x", 4) is { } c) (id, bus, dev, fn, deprecated) = (c[0], c[1], c[2], c[3], true);
        else if (Numbers(rest, "[%d]=%x:%x:%x.%x", 5) is { } d) (id, seg, bus, dev, fn, deprecated) = (d[0], d[1], d[2], d[3], d[4], true);
        else
        {
            // parse_ivrs_ioapic (init.c:3532-3533): "Invalid command line", nothing recorded
            Rejected.Add(new AmdRejectedOverride(parameter, AmdOverrideRejection.InvalidFormat));
            return;
        }
        // parse_ivrs_ioapic (init.c:3536-3539): a full early map ignores the parameter
        if (map.Count == EarlyMapSize)
        {
            Rejected.Add(new AmdRejectedOverride(parameter, AmdOverrideRejection.MapFull));
            return;
        }
        // parse_ivrs_ioapic (init.c:3542-3548): IVRS_GET_SBDF_ID masks each field; the map keeps the id as a u8
        map.Add(new AmdSpecialOverride((byte)id, (ushort)seg, Devid(bus, dev, fn), deprecated));
    }

    /// <summary>parse_ivrs_acpihid (drivers/iommu/amd/init.c:3593-3675): "=HID:UID@[seg:]bus:dev.fn", or the deprecated "[[seg:]bus:dev.fn]=HID:UID".</summary>
    public void AcpiHid(string rest, string parameter)
    {
        const int acpiIdLength = HidLength + UidLength;
        long seg = 0, bus, dev, fn;
        string acpiId;
        bool deprecated = false;
        int at = rest.IndexOf('@');
        if (at < 0)
        {
            // parse_ivrs_acpihid (init.c:3602-3617): without '@', the deprecated form after a '=' of bounded length
            int eq = rest.IndexOf('=');
            if (eq < 0 || rest.Length - eq - 1 > acpiIdLength) { Invalid(); return; }
            if (Match(rest, "[%x:%x.%x]=%s", 4) is { } a) (bus, dev, fn, acpiId) = ((long)a[0], (long)a[1], (long)a[2], (string)a[3]);
            else if (Match(rest, "[%x:%x:%x.%x]=%s", 5) is { } b) (seg, bus, dev, fn, acpiId) = ((long)b[0], (long)b[1], (long)b[2], (long)b[3], (string)b[4]);
            else { Invalid(); return; }
            deprecated = true;
        }
        else
        {
            // parse_ivrs_acpihid (init.c:3620-3631): the text before the first '@' is "=HID:UID", the text after it the address
            var id = rest[..at];
            var addr = rest[(at + 1)..];
            if (id.Length > acpiIdLength || Match(id, "=%s", 1) is not { } s) { Invalid(); return; }
            acpiId = (string)s[0];
            if (Numbers(addr, "%x:%x.%x", 3) is { } a) (bus, dev, fn) = (a[0], a[1], a[2]);
            else if (Numbers(addr, "%x:%x:%x.%x", 4) is { } b) (seg, bus, dev, fn) = (b[0], b[1], b[2], b[3]);
            else { Invalid(); return; }
        }
        // parse_ivrs_acpihid (init.c:3638-3641): a full early map ignores the parameter
        if (AcpiHids.Count == EarlyMapSize) { Reject(AmdOverrideRejection.MapFull); return; }
        // parse_ivrs_acpihid (init.c:3644-3651): HID is up to the first ':', UID the rest; both must be there
        int colon = acpiId.IndexOf(':');
        if (colon <= 0) { Reject(AmdOverrideRejection.InvalidHidOrUid); return; }
        var hid = acpiId[..colon];
        var uid = acpiId[(colon + 1)..];
        // parse_ivrs_acpihid (init.c:3657-3658): leading zeros of the UID are dropped, its last character kept
        int z = 0;
        while (z + 1 < uid.Length && uid[z] == '0') z++;
        uid = uid[z..];
        // parse_ivrs_acpihid (init.c:3660-3665): HID and UID must fit their buffers with the NUL
        if (hid.Length >= HidLength) { Reject(AmdOverrideRejection.HidTooLong); return; }
        if (uid.Length >= UidLength) { Reject(AmdOverrideRejection.UidTooLong); return; }
        AcpiHids.Add(new AmdAcpiHidOverride(hid, uid, (ushort)seg, Devid(bus, dev, fn), deprecated));

        void Invalid() => Reject(AmdOverrideRejection.InvalidFormat);
        void Reject(AmdOverrideRejection why) => Rejected.Add(new AmdRejectedOverride(parameter, why));
    }

    // IVRS_GET_SBDF_ID (drivers/iommu/amd/init.c:88-89): bus & 0xff, dev & 0x1f, fn & 0x7
    private static ushort Devid(long bus, long dev, long fn) => (ushort)(((bus & 0xff) << 8) | ((dev & 0x1f) << 3) | (fn & 0x7));

    private static long[]? Numbers(string text, string format, int want) =>
        Match(text, format, want)?.Select(v => (long)v).ToArray();

    private static IReadOnlyList<object>? Match(string text, string format, int want)
    {
        var (count, values) = KernelScanf.Scan(text, format);
        return count == want ? values : null;
    }
}
