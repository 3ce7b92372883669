namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>What a located field is, so a mutation picks values that matter for it.</summary>
public enum AcpiFieldKind { Length, Type, Value }

/// <summary>A field of a table: where, how wide, what.</summary>
public readonly record struct AcpiField(int Offset, int Size, AcpiFieldKind Kind, string Name);

/// <summary>A top-level structure (DMAR) or block (IVRS), or an allocation (MCFG): its span in the table.</summary>
public readonly record struct AcpiSpan(int Offset, int Length);

/// <summary>
/// Finds the fields of a table by walking it with the specifications' layouts, without trusting it: the walk stops at the
/// first length that does not fit. Used to aim mutations at lengths, types and values rather than at random bytes.
/// </summary>
public static class AcpiFields
{
    public static (List<AcpiField> Fields, List<AcpiSpan> Spans) Locate(byte[] b)
    {
        var fields = new List<AcpiField> { new(4, 4, AcpiFieldKind.Length, "table length") };
        var spans = new List<AcpiSpan>();
        if (b.Length < 36) return (fields, spans);
        var sig = System.Text.Encoding.ASCII.GetString(b, 0, 4);
        if (sig == "DMAR") Dmar(b, fields, spans);
        else if (sig == "IVRS") Ivrs(b, fields, spans);
        else if (sig == "MCFG") Mcfg(b, fields, spans);
        return (fields, spans);
    }

    private static int U(byte[] b, int off, int size) => (int)AcpiBytes.Get(b, off, size);

    private static void Dmar(byte[] b, List<AcpiField> f, List<AcpiSpan> spans)
    {
        f.Add(new(36, 1, AcpiFieldKind.Value, "host address width"));
        f.Add(new(37, 1, AcpiFieldKind.Value, "DMAR flags"));
        for (int off = 48; off + 4 <= b.Length;)
        {
            int type = U(b, off, 2), len = U(b, off + 2, 2);
            f.Add(new(off, 2, AcpiFieldKind.Type, "structure type"));
            f.Add(new(off + 2, 2, AcpiFieldKind.Length, "structure length"));
            if (len == 0 || off + len > b.Length) return;
            spans.Add(new(off, len));
            int fixedSize = type switch { 0 => 16, 1 => 24, 2 or 5 => 8, _ => -1 };
            if (type is 0 or 2 or 5 && len >= 8) f.Add(new(off + 4, 1, AcpiFieldKind.Value, "structure flags"));
            if (type == 0 && len >= 16) f.Add(new(off + 8, 8, AcpiFieldKind.Value, "DRHD base"));
            if (type == 1 && len >= 24) { f.Add(new(off + 8, 8, AcpiFieldKind.Value, "RMRR base")); f.Add(new(off + 16, 8, AcpiFieldKind.Value, "RMRR limit")); }
            if (fixedSize > 0)
                for (int s = off + fixedSize; s + 2 <= off + len;)
                {
                    int slen = b[s + 1];
                    f.Add(new(s, 1, AcpiFieldKind.Type, "scope type"));
                    f.Add(new(s + 1, 1, AcpiFieldKind.Length, "scope length"));
                    if (s + 6 <= off + len) f.Add(new(s + 5, 1, AcpiFieldKind.Value, "scope bus"));
                    if (slen == 0) break;
                    s += slen;
                }
            off += len;
        }
    }

    private static void Ivrs(byte[] b, List<AcpiField> f, List<AcpiSpan> spans)
    {
        f.Add(new(36, 4, AcpiFieldKind.Value, "IVinfo"));
        for (int off = 48; off + 4 <= b.Length;)
        {
            int type = b[off], len = U(b, off + 2, 2);
            f.Add(new(off, 1, AcpiFieldKind.Type, "block type"));
            f.Add(new(off + 2, 2, AcpiFieldKind.Length, "block length"));
            if (len == 0 || off + len > b.Length) return;
            spans.Add(new(off, len));
            int head = type == 0x10 ? 24 : type is 0x11 or 0x40 ? 40 : -1;
            if (type is >= 0x20 and <= 0x22 && len >= 8) { f.Add(new(off + 4, 2, AcpiFieldKind.Value, "IVMD device")); f.Add(new(off + 6, 2, AcpiFieldKind.Value, "IVMD aux")); }
            if (head > 0 && len >= head) f.Add(new(off + 4, 2, AcpiFieldKind.Value, "IVHD device"));
            if (head > 0)
                for (int e = off + head; e < off + len;)
                {
                    int et = b[e];
                    f.Add(new(e, 1, AcpiFieldKind.Type, "entry type"));
                    if (e + 3 <= b.Length) f.Add(new(e + 1, 2, AcpiFieldKind.Value, "entry device"));
                    int elen = et < 0x80 ? 4 << (et >> 6) : et == 0xF0 && e + 22 <= b.Length ? 22 + b[e + 21] : 0;
                    if (et >= 0x40 && et < 0x80 && e + 7 <= b.Length) f.Add(new(e + 5, 2, AcpiFieldKind.Value, "entry source"));
                    if (et == 0xF0 && e + 22 <= b.Length) f.Add(new(e + 21, 1, AcpiFieldKind.Length, "UID length"));
                    if (elen == 0) break;
                    e += elen;
                }
            off += len;
        }
    }

    private static void Mcfg(byte[] b, List<AcpiField> f, List<AcpiSpan> spans)
    {
        for (int off = 44; off + 16 <= b.Length; off += 16)
        {
            spans.Add(new(off, 16));
            f.Add(new(off + 10, 1, AcpiFieldKind.Value, "start bus"));
            f.Add(new(off + 11, 1, AcpiFieldKind.Value, "end bus"));
        }
    }
}
