using System.Globalization;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// One <c>struct pci_device_id</c> entry: vendor, device, subsystem vendor and subsystem device (null = PCI_ANY_ID),
/// and a 24-bit class with its mask (null class = any). <see cref="OverrideOnly"/> is an entry with
/// <c>override_only</c> set (PCI_DRIVER_OVERRIDE_DEVICE_VFIO): it matches only a device whose driver_override names
/// the driver, never by id or modalias.
/// </summary>
public sealed record PciId(ushort? Vendor, ushort? Device, uint? Class = null, uint ClassMask = 0xffffff)
{
    /// <summary>The subsystem vendor the entry asks for (<c>subvendor</c>); null = PCI_ANY_ID.</summary>
    public ushort? Subvendor { get; init; }

    /// <summary>The subsystem device the entry asks for (<c>subdevice</c>); null = PCI_ANY_ID.</summary>
    public ushort? Subdevice { get; init; }

    /// <summary><c>override_only</c> (PCI_ID_F_VFIO_DRIVER_OVERRIDE): the entry is skipped unless driver_override is set.</summary>
    public bool OverrideOnly { get; init; }

    /// <summary>
    /// pci_match_one_id (drivers/pci/pci.h:232-243 in 6.1.192) for a device whose subsystem ids are unknown: an entry
    /// that asks for a subsystem vendor or device does not match. Override-only entries never match here.
    /// </summary>
    public bool Matches(ushort vendor, ushort device, uint classCode) => Matches(vendor, device, null, null, classCode);

    /// <summary>
    /// pci_match_one_id: every field is PCI_ANY_ID or equal, and <c>(class ^ dev class) &amp; class_mask</c> is 0.
    /// A null subsystem id of the device (not known) fails an entry that asks for one. Override-only entries are
    /// skipped, as do_pci_match_id (drivers/pci/pci-driver.c:142-143) skips them without driver_override; with
    /// <paramref name="driverOverride"/> they take part.
    /// </summary>
    // do_pci_match_id (drivers/pci/pci-driver.c:142-143): an override_only entry counts only with driver_override set
    // pci_match_one_id (drivers/pci/pci.h:236-240): four ids PCI_ANY_ID or equal, !((class ^ dev class) & class_mask)
    public bool Matches(ushort vendor, ushort device, ushort? subvendor, ushort? subdevice, uint classCode, bool driverOverride = false) =>
        (!OverrideOnly || driverOverride)
        && (Vendor is null || Vendor == vendor) && (Device is null || Device == device)
        && (Subvendor is null || Subvendor == subvendor) && (Subdevice is null || Subdevice == subdevice)
        && (Class is null || (classCode & ClassMask) == (Class & ClassMask));

    /// <summary>
    /// "8086:10d3", "8086:*", "8086:*:1028:*" (vendor:device:subvendor:subdevice, each hex or *), "class:060400" (mask
    /// ffffff), "class:0604" (16-bit prefix, mask ffff00), "class:010400/ffff00" (explicit mask); an id and a class
    /// together, separated by a space ("1022:* class:010400"), as <see cref="ToString"/> writes them. Null when malformed.
    /// </summary>
    public static PciId? Parse(string text)
    {
        var tokens = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is 0 or > 2) return null;
        PciId? ids = null;
        (uint Class, uint Mask)? cls = null;
        foreach (var t in tokens)
        {
            if (t.StartsWith("class:", StringComparison.Ordinal))
            {
                if (cls is not null || ParseClass(t[6..]) is not { } c) return null;
                cls = c;
            }
            else
            {
                if (ids is not null || ParseIds(t) is not { } i) return null;
                ids = i;
            }
        }
        if (tokens.Length == 2 && (ids is null || cls is null)) return null;
        var id = ids ?? new PciId(null, null);
        return cls is var (value, mask) ? id with { Class = value, ClassMask = mask } : id;
    }

    private static (uint, uint)? ParseClass(string c)
    {
        if (c.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) c = c[2..];
        var slash = c.IndexOf('/');
        if (slash >= 0)
        {
            var m = c[(slash + 1)..];
            c = c[..slash];
            if (c.Length != 6 || m.Length != 6 || !Hex(c, out var v) || !Hex(m, out var mask)) return null;
            return (v, mask);
        }
        if (c.Length is not (4 or 6) || !Hex(c, out var cls)) return null;
        return c.Length == 4 ? (cls << 8, 0xffff00u) : (cls, 0xffffffu);
    }

    private static PciId? ParseIds(string t)
    {
        var parts = t.Split(':');
        if (parts.Length is not (2 or 4)) return null;
        // the vendor is never "*" alone in the two-part form (a class entry is written class:...)
        if (parts.Length == 2 && parts[0] == "*") return null;
        var values = new ushort?[4];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "*") continue;
            if (parts[i].Length != 4 || !ushort.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return null;
            values[i] = v;
        }
        return new PciId(values[0], values[1]) { Subvendor = values[2], Subdevice = values[3] };
    }

    private static bool Hex(string s, out uint value) =>
        uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);

    private static string Part(ushort? v) => v is { } x ? x.ToString("x4", CultureInfo.InvariantCulture) : "*";

    /// <summary>The <see cref="Parse"/> form: ids (with subsystem ids when given), then the class; " (driver_override only)" for override-only entries.</summary>
    public override string ToString()
    {
        var ids = Vendor is null && Device is null && Subvendor is null && Subdevice is null && Class is not null
            ? null
            : Subvendor is null && Subdevice is null
                ? $"{Part(Vendor)}:{Part(Device)}"
                : $"{Part(Vendor)}:{Part(Device)}:{Part(Subvendor)}:{Part(Subdevice)}";
        string? cls = Class is not { } c ? null
            : (ClassMask & 0xffffff) == 0xffffff ? $"class:{c:x6}"
            : ClassMask == 0xffff00 && (c & 0xff) == 0 ? $"class:{c >> 8:x4}"
            : $"class:{c:x6}/{ClassMask & 0xffffff:x6}";
        var text = string.Join(" ", new[] { ids, cls }.OfType<string>());
        return OverrideOnly ? text + " (driver_override only)" : text;
    }
}
