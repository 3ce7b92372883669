using System.Globalization;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Peripheral IDs of PrimeCell (AMBA) nodes as the model sees them. Linux reads the ID from the device's
/// registers unless the node has <c>arm,primecell-periphid</c>; the model has no registers, so it derives the ID
/// from the ARM part number in the compatible instead:
/// <c>arm,plNNN</c> (three hex digits) is 0x00041NNN (designer 0x41 = ARM, revision 0) with mask 0x000fffff,
/// and <c>arm,sp805</c> is 0x00141805 with mask 0x00ffffff (the id tables of Linux's drivers for these parts).
/// A node for which neither gives an ID has an unknown periphid; AMBA drivers then match it by OF compatible
/// (a model-only fallback, see <see cref="DefaultDriverSet"/>).
/// </summary>
public static class PrimecellIds
{
    /// <summary>The compatible that makes of_platform_populate create an AMBA device.</summary>
    public const string PrimecellCompatible = "arm,primecell";

    /// <summary>The property that overrides the register-read peripheral ID.</summary>
    public const string PeriphidProperty = "arm,primecell-periphid";

    /// <summary>True when the node is a PrimeCell (has <c>arm,primecell</c> among its compatibles).</summary>
    public static bool IsPrimecell(DtNode node) => node.Compatible.Contains(PrimecellCompatible, StringComparer.Ordinal);

    /// <summary>The id-table entry a driver for this compatible's part number would have, or null when the compatible names no known ARM part.</summary>
    public static AmbaId? DefaultIdFor(string compatible)
    {
        if (compatible == "arm,sp805") return new AmbaId(0x00141805, 0x00ffffff);
        const string prefix = "arm,pl";
        if (compatible.Length != prefix.Length + 3 || !compatible.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var digits = compatible.AsSpan(prefix.Length);
        if (!uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var part)) return null;
        return new AmbaId(0x00041000 | part, 0x000fffff);
    }

    /// <summary>
    /// The node's peripheral ID: <c>arm,primecell-periphid</c> if present, else the ID of the first compatible with a
    /// known part number (<see cref="DefaultIdFor"/>), else null (unknown).
    /// </summary>
    public static uint? PeriphidOf(DtNode node)
    {
        if (node.GetU32(PeriphidProperty) is { } fromProperty) return fromProperty;
        foreach (var c in node.Compatible)
            if (DefaultIdFor(c) is { } id) return id.Id;
        return null;
    }

    /// <summary>amba_lookup: true when some entry has (periphid &amp; Mask) == Id.</summary>
    public static bool Matches(IEnumerable<AmbaId> table, uint periphid)
    {
        foreach (var id in table)
            if ((periphid & id.Mask) == id.Id) return true;
        return false;
    }
}
