using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Acpi;

/// <summary>
/// Mutations of a valid table, aimed by <see cref="AcpiFields"/>: lengths, types and values set to edges, structures
/// duplicated, removed or swapped, the table cut or its bytes flipped. Most results get a length and checksum that
/// agree with their bytes, so that the parse goes past the header into the structures.
/// </summary>
public static class AcpiMutator
{
    private static readonly ulong[] Lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 16, 21, 22, 23, 24, 31, 32, 39, 40, 48, 0x7f, 0xff, 0x100, 0xffff, 0xffffffff];

    private static readonly ulong[] Types = [0, 1, 2, 3, 4, 5, 6, 7, 0x10, 0x11, 0x20, 0x21, 0x22, 0x40, 0x42, 0x43, 0x46, 0x47, 0x48, 0x7f, 0x80, 0xbf, 0xf0, 0xff, 0xffff];

    private static readonly ulong[] Values = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0xfff, 0x1000, 0xffffffff, 0xffffffffffffffff, 10, 11, 12];

    public static byte[] Mutate(Rng rng, byte[] seed, List<string> notes)
    {
        var b = (byte[])seed.Clone();
        for (int n = rng.Geometric(4); n > 0; n--) b = Once(rng, b, notes);
        if (rng.Percent(75))
        {
            notes.Add("length and checksum made to agree");
            b = AcpiBytes.Agree(b);
        }
        else if (rng.OneIn(3))
        {
            notes.Add("checksum broken");
            if (b.Length > 9) b[9] ^= 0x5a;
        }
        return b;
    }

    private static byte[] Once(Rng rng, byte[] b, List<string> notes)
    {
        var (fields, spans) = AcpiFields.Locate(b);
        switch (rng.Next(10))
        {
            case < 5:
            {
                var f = rng.Pick(fields);
                ulong old = AcpiBytes.Get(b, f.Offset, f.Size);
                ulong v = f.Kind switch
                {
                    AcpiFieldKind.Length => rng.OneIn(3) ? old + (ulong)rng.Range(-2, 2) : rng.Pick(Lengths),
                    AcpiFieldKind.Type => rng.Pick(Types),
                    _ => rng.OneIn(4) ? rng.NextU64() : rng.Pick(Values),
                };
                AcpiBytes.Put(b, f.Offset, f.Size, v);
                notes.Add($"{f.Name} at 0x{f.Offset:x} -> 0x{v & (f.Size >= 8 ? ulong.MaxValue : (1UL << (8 * f.Size)) - 1):x}");
                return b;
            }
            case 5 when spans.Count > 0:
            {
                var s = rng.Pick(spans);
                notes.Add($"structure at 0x{s.Offset:x} duplicated");
                return [.. b, .. b.AsSpan(s.Offset, s.Length)];
            }
            case 6 when spans.Count > 0:
            {
                var s = rng.Pick(spans);
                notes.Add($"structure at 0x{s.Offset:x} removed");
                return [.. b.AsSpan(0, s.Offset), .. b.AsSpan(s.Offset + s.Length)];
            }
            case 7 when spans.Count > 1:
            {
                var s = spans[^1];
                var at = rng.Pick(spans);
                notes.Add($"last structure moved to 0x{at.Offset:x}");
                return [.. b.AsSpan(0, at.Offset), .. b.AsSpan(s.Offset, s.Length), .. b.AsSpan(at.Offset, s.Offset - at.Offset), .. b.AsSpan(s.Offset + s.Length)];
            }
            case 8:
            {
                int n = rng.OneIn(3) ? rng.Next(Math.Min(b.Length, 48) + 1) : rng.Next(b.Length + 1);
                notes.Add($"cut to {n} bytes");
                return b[..n];
            }
            default:
            {
                if (b.Length == 0) return b;
                int i = rng.Next(b.Length);
                if (rng.OneIn(2)) b[i] ^= (byte)(1 << rng.Next(8));
                else b[i] = (byte)rng.Next(256);
                notes.Add($"byte 0x{i:x} changed");
                return b;
            }
        }
    }
}
