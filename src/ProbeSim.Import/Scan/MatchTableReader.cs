using ProbeSim.Import.C;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Scan;

/// <summary>
/// Reads the entries of the id tables drivers match with (include/linux/mod_devicetable.h): of_device_id (name, type,
/// compatible), i2c/spi/platform_device_id (name), pci_device_id (PCI_DEVICE, PCI_VDEVICE, PCI_DEVICE_SUB,
/// PCI_DEVICE_CLASS, positional and designated), amba_id (id, mask), acpi_device_id (id). The empty sentinel ends a table.
/// </summary>
public static class MatchTableReader
{
    public static readonly IReadOnlySet<string> TableTypes = new HashSet<string>(StringComparer.Ordinal)
    { "of_device_id", "i2c_device_id", "spi_device_id", "platform_device_id", "pci_device_id", "amba_id", "acpi_device_id" };

    public static ScannedTable Read(CDefinition def, CValues values, CFile cfile, List<ImportedUnknown> unknowns)
    {
        var file = cfile.Path;
        var entries = new List<ScannedEntry>();
        foreach (var element in Elements(def.Init.Elements, cfile, 0))
        {
            if (element.Nested is not { } entry)
            {
                if (element.Expr.Count == 0) continue;
                unknowns.Add(new ImportedUnknown($"{file}:{def.Name}", "match-entry", $"entry '{Short(element.Expr)}' is a macro the scanner does not expand", new SourceLine(file, element.Line)) { Cause = UnknownCause.EntryMacro });
                continue;
            }
            if (IsSentinel(entry, values)) break;
            var e = def.StructType switch
            {
                "of_device_id" => Of(entry, values),
                "i2c_device_id" => Named(entry, values, MatchKind.I2c),
                "spi_device_id" => Named(entry, values, MatchKind.Spi),
                "platform_device_id" => Named(entry, values, MatchKind.Platform),
                "acpi_device_id" => Acpi(entry, values),
                "amba_id" => Amba(entry, values),
                "pci_device_id" => Pci(entry, values),
                _ => null,
            };
            if (e is null)
                unknowns.Add(new ImportedUnknown($"{file}:{def.Name}", "match-entry", $"{def.StructType} entry not read: {Short(entry.Elements.SelectMany(x => x.Expr).ToList())}", new SourceLine(file, entry.Line)) { Cause = UnknownCause.EntryUnread });
            else entries.Add(e with { Line = entry.Line });
        }
        return new ScannedTable(def.Name, def.StructType, entries, def.InitSection, def.Line);
    }

    /// <summary>The table's elements, with entries written through a function-like macro of the file expanded (twice at most).</summary>
    private static IEnumerable<CInitElement> Elements(IReadOnlyList<CInitElement> elements, CFile file, int depth)
    {
        foreach (var e in elements)
        {
            if (e.Nested is null && depth < 2 && CMacroExpander.Expand(file, e.Expr) is { } expanded)
            {
                var wrapped = new List<CToken>(expanded.Count + 2) { new(CTokenKind.Punct, "{", e.Line, 0) };
                wrapped.AddRange(expanded);
                wrapped.Add(new CToken(CTokenKind.Punct, "}", e.Line, 0));
                int i = 0;
                var init = CInitializerParser.Parse(wrapped, ref i);
                foreach (var x in Elements(init.Elements, file, depth + 1)) yield return x with { Line = e.Line };
                continue;
            }
            yield return e;
        }
    }

    private static string Short(IReadOnlyList<CToken> t)
    {
        var s = CValues.Text(t);
        return s.Length > 60 ? s[..60] + "..." : s;
    }

    private static bool IsSentinel(CInit entry, CValues values) =>
        entry.Elements.Count == 0 || entry.Elements.All(e => e.Nested is null && (e.Expr.Count == 0 || values.Number(e.Expr) == 0 || (e.Expr.Count == 1 && e.Expr[0].Is("NULL"))));

    private static ScannedEntry? Of(CInit entry, CValues values)
    {
        var f = entry.Fields();
        string? name, type, compatible, data = null;
        if (f.Count > 0)
        {
            data = f.TryGetValue("data", out var d) ? DataSymbol(d.Expr) : null;
            compatible = f.TryGetValue("compatible", out var c) ? values.String(c.Expr) : "";
            name = f.TryGetValue("name", out var n) ? values.String(n.Expr) : "";
            type = f.TryGetValue("type", out var ty) ? values.String(ty.Expr) : "";
        }
        else
        {
            var p = entry.Positional;
            name = p.Count > 0 ? values.String(p[0].Expr) : "";
            type = p.Count > 1 ? values.String(p[1].Expr) : "";
            compatible = p.Count > 2 ? values.String(p[2].Expr) : "";
            data = p.Count > 3 ? DataSymbol(p[3].Expr) : null;
        }
        if (compatible is null || name is null || type is null) return null;
        if (compatible.Length == 0 && name.Length == 0 && type.Length == 0) return null;
        return new ScannedEntry(MatchKind.Of, compatible, name.Length == 0 ? null : name, type.Length == 0 ? null : type, 0) { Data = data };
    }

    /// <summary>
    /// of_device_id.data as the driver reads it back with of_device_get_match_data: a name or number behind casts
    /// (<c>(void *)AXP803_ID</c> → <c>AXP803_ID</c>), or the object a pointer points at (<c>&amp;rk808_data</c> → <c>rk808_data</c>);
    /// null for anything else (a macro call, arithmetic).
    /// </summary>
    internal static string? DataSymbol(IReadOnlyList<CToken> expr)
    {
        int i = 0;
        // (type *) casts, possibly nested: ( void * ) ( uintptr_t ) X
        while (i < expr.Count && expr[i].Is("("))
        {
            int j = i + 1;
            while (j < expr.Count && !expr[j].Is(")") && !expr[j].Is("(")) j++;
            if (j >= expr.Count || !expr[j].Is(")") || j == i + 1 || !(expr[j - 1].Is("*") || expr[j - 1].IsIdent)) return null;
            i = j + 1;
        }
        if (i < expr.Count && expr[i].Is("&")) i++;
        return i == expr.Count - 1 && (expr[i].IsIdent || expr[i].Kind == CTokenKind.Number) ? expr[i].Text : null;
    }

    private static ScannedEntry? Named(CInit entry, CValues values, MatchKind kind)
    {
        var f = entry.Fields();
        var expr = f.TryGetValue("name", out var n) ? n.Expr : entry.Positional.FirstOrDefault()?.Expr;
        return expr is not null && values.String(expr) is { Length: > 0 } s ? new ScannedEntry(kind, s, null, null, 0) : null;
    }

    private static ScannedEntry? Acpi(CInit entry, CValues values)
    {
        var f = entry.Fields();
        var expr = f.TryGetValue("id", out var n) ? n.Expr : entry.Positional.FirstOrDefault()?.Expr;
        return expr is not null && values.String(expr) is { Length: > 0 } s ? new ScannedEntry(MatchKind.Acpi, s, null, null, 0) : null;
    }

    private static ScannedEntry? Amba(CInit entry, CValues values)
    {
        var f = entry.Fields();
        IReadOnlyList<CToken>? idE = f.TryGetValue("id", out var i) ? i.Expr : entry.Positional.ElementAtOrDefault(0)?.Expr;
        IReadOnlyList<CToken>? maskE = f.TryGetValue("mask", out var m) ? m.Expr : entry.Positional.ElementAtOrDefault(1)?.Expr;
        if (idE is null || maskE is null || values.Number(idE) is not { } id || values.Number(maskE) is not { } mask) return null;
        return new ScannedEntry(MatchKind.Amba, $"{id & 0xffffffff:x8}/{mask & 0xffffffff:x8}", null, null, 0);
    }

    private const long AnyId = 0xffffffff;

    private static readonly string[] PciFields = ["vendor", "device", "subvendor", "subdevice", "class", "class_mask", "driver_data", "override_only"];

    private static ScannedEntry? Pci(CInit entry, CValues values)
    {
        long? vendor = null, device = null, cls = null, clsMask = null;
        int index = 0; // the pci_device_id field the next positional element initializes (C designator rules)
        foreach (var e in entry.Elements)
        {
            if (e.Designator is { } d)
            {
                var v = values.Number(e.Expr) ?? (IsAny(e.Expr) ? AnyId : null);
                switch (d)
                {
                    case "vendor": vendor = v; break;
                    case "device": device = v; break;
                    case "class": cls = v; break;
                    case "class_mask": clsMask = v; break;
                }
                index = Array.IndexOf(PciFields, d) + 1;
                continue;
            }
            var x = CValues.Strip(e.Expr);
            if (x.Count >= 3 && x[0].IsIdent && x[1].Is("(") && x[^1].Is(")"))
            {
                var args = Split(x.Skip(2).Take(x.Count - 3).ToList());
                switch (x[0].Text)
                {
                    // include/linux/pci.h: these set .vendor .. .subdevice with designators, so positional elements continue at .class
                    case "PCI_DEVICE" or "PCI_DEVICE_SUB" when args.Count >= 2:
                        vendor = Num(args[0]); device = Num(args[1]); index = 4; continue;
                    case "PCI_VDEVICE" or "PCI_VDEVICE_SUB" when args.Count >= 2 && args[0].Count == 1:
                        vendor = values.Number([new CToken(CTokenKind.Identifier, "PCI_VENDOR_ID_" + args[0][0].Text, 0, 0)]);
                        device = Num(args[1]); index = 4; continue;
                    case "PCI_DEVICE_DATA" when args.Count >= 2 && args[0].Count == 1 && args[1].Count == 1:
                        vendor = values.Number([new CToken(CTokenKind.Identifier, "PCI_VENDOR_ID_" + args[0][0].Text, 0, 0)]);
                        device = values.Number([new CToken(CTokenKind.Identifier, $"PCI_DEVICE_ID_{args[0][0].Text}_{args[1][0].Text}", 0, 0)]);
                        index = 7; continue;
                    case "PCI_DEVICE_CLASS" when args.Count >= 2:
                        cls = Num(args[0]); clsMask = Num(args[1]); vendor = AnyId; device = AnyId; index = 6; continue;
                }
            }
            // positional: vendor, device, subvendor, subdevice, class, class_mask, driver_data
            var n = values.Number(e.Expr) ?? (IsAny(e.Expr) ? AnyId : null);
            switch (index++)
            {
                case 0: vendor = n; break;
                case 1: device = n; break;
                case 4: cls = n; break;
                case 5: clsMask = n; break;
            }
        }
        long? Num(IReadOnlyList<CToken> t) => values.Number(t) ?? (IsAny(t) ? AnyId : null);
        if (vendor is null) return null;
        if ((vendor == AnyId || vendor == 0) && cls is { } c && clsMask is { } cm && cm != 0)
            return new ScannedEntry(MatchKind.Pci, $"class={c & 0xffffff:x6}/{cm & 0xffffff:x6}", null, null, 0);
        if (device is null) return null;
        return new ScannedEntry(MatchKind.Pci, $"{Hex(vendor.Value)}:{Hex(device.Value)}", null, null, 0);
    }

    private static string Hex(long v) => v == AnyId ? "*" : $"{v & 0xffff:x4}";

    private static bool IsAny(IReadOnlyList<CToken> t) => t.Count == 1 && t[0].Is("PCI_ANY_ID");

    private static List<IReadOnlyList<CToken>> Split(List<CToken> t)
    {
        var args = new List<IReadOnlyList<CToken>>();
        var cur = new List<CToken>();
        int depth = 0;
        foreach (var x in t)
        {
            if (depth == 0 && x.Is(",")) { args.Add(cur); cur = new(); continue; }
            if (x.Is("(")) depth++; else if (x.Is(")")) depth--;
            cur.Add(x);
        }
        args.Add(cur);
        return args;
    }
}
