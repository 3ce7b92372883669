using System.Globalization;

namespace ProbeSim.Kernel.Pci;

/// <summary>Device/function packing (<c>PCI_DEVFN</c>, <c>PCI_SLOT</c>, <c>PCI_FUNC</c>, <c>PCI_DEVID</c>).</summary>
public static class PciDevfn
{
    public const int MaxDevices = 32;
    public const int MaxFunctions = 8;

    public static byte Make(int device, int function) => (byte)(((device & 0x1f) << 3) | (function & 0x07));

    public static int Slot(int devfn) => (devfn >> 3) & 0x1f;

    public static int Func(int devfn) => devfn & 0x07;

    /// <summary>Requester ID: bus number in bits 15:8, devfn in bits 7:0.</summary>
    public static ushort DevId(int bus, int devfn) => (ushort)(((bus & 0xff) << 8) | (devfn & 0xff));

    /// <summary><c>DD.F</c> as the kernel prints a slot (<c>%02x.%d</c>).</summary>
    public static string Format(int devfn) => $"{Slot(devfn):x2}.{Func(devfn)}";

    /// <summary>Parses <c>D</c>, <c>DD</c> or <c>DD.F</c> (device in hex 00-1f, function 0-7).</summary>
    public static bool TryParse(string text, out byte devfn)
    {
        devfn = 0;
        var dot = text.IndexOf('.');
        var dev = dot < 0 ? text : text[..dot];
        var fn = dot < 0 ? "0" : text[(dot + 1)..];
        if (dev.Length is < 1 or > 2 || fn.Length != 1) return false;
        if (!int.TryParse(dev, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var d) || d >= MaxDevices) return false;
        if (fn[0] is < '0' or > '7') return false;
        devfn = Make(d, fn[0] - '0');
        return true;
    }
}
