using System.Globalization;

namespace ProbeSim.Kernel.Drivers;

/// <summary>One pci_device_id entry: vendor and device (null = PCI_ANY_ID), or a 24-bit class with a mask.</summary>
public sealed record PciId(ushort? Vendor, ushort? Device, uint? Class = null, uint ClassMask = 0xffffff)
{
    /// <summary>pci_match_one_device.</summary>
    public bool Matches(ushort vendor, ushort device, uint classCode) =>
        (Vendor is null || Vendor == vendor) && (Device is null || Device == device) && (Class is null || (classCode & ClassMask) == (Class & ClassMask));

    /// <summary>"8086:10d3", "8086:*", "class:060400" (mask ffffff) or "class:0604" (16-bit prefix).</summary>
    public static PciId? Parse(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("class:", StringComparison.Ordinal))
        {
            var c = t[6..];
            if (c.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) c = c[2..];
            if (c.Length is not (4 or 6) || !uint.TryParse(c, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cls)) return null;
            return c.Length == 4 ? new PciId(null, null, cls << 8, 0xffff00) : new PciId(null, null, cls);
        }
        var parts = t.Split(':');
        if (parts.Length != 2) return null;
        if (parts[0] == "*" || parts[0].Length != 4 || !ushort.TryParse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var vendor)) return null;
        if (parts[1] == "*") return new PciId(vendor, null);
        if (parts[1].Length != 4 || !ushort.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var device)) return null;
        return new PciId(vendor, device);
    }

    public override string ToString() => Class is { } c ? $"class:{c:x6}" : $"{Vendor:x4}:{(Device is { } d ? d.ToString("x4", CultureInfo.InvariantCulture) : "*")}";
}
