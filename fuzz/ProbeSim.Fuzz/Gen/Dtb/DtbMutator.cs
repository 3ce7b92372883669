using System.Text;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Dtb;

/// <summary>
/// Structure-aware mutations of a blob: the structure block's tokens, property lengths and name offsets, node names,
/// property values that the boot model reads (cell counts, phandles, reg), whole subtrees duplicated, the reserve map and
/// strings block; then the header fields, truncation and bit flips on the assembled bytes.
/// </summary>
public static class DtbMutator
{
    private static readonly uint[] Edge32 =
    [
        0, 1, 2, 3, 4, 7, 8, 0x28, 0x38, 0xff, 0x100, 0xfff, 0x1000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffc,
        0xfffffffe, 0xffffffff, 0xd00dfeed, 16, 17, 18,
    ];

    private static readonly string[] CellProps =
    [
        "#address-cells", "#size-cells", "#interrupt-cells", "#iommu-cells", "#clock-cells", "#power-domain-cells",
        "#reset-cells", "#dma-cells", "phandle", "linux,phandle", "interrupt-parent", "reg", "iommus", "iommu-map",
        "clocks", "power-domains", "resets", "dmas", "ranges", "dma-ranges", "interrupts", "bus-range", "iommu-map-mask",
        "arm,primecell-periphid", "msi-parent", "compatible", "status", "pinctrl-0", "vcc-supply", "memory-region",
    ];

    /// <summary>Edits that keep the blob well-formed (values of cell and reference properties, a subtree copied), so that the boot runs on it.</summary>
    public static byte[] MutateGentle(Rng rng, byte[] seed, List<string> notes)
    {
        var parts = FdtParts.Parse(seed);
        if (parts is null) return seed;
        for (int i = rng.Range(1, 2); i > 0; i--)
        {
            var items = parts.Items();
            var named = items.Where(x => x.Token == FdtParts.Prop && CellProps.Contains(parts.PropertyName(x)) && x.ValueLength >= 4).ToList();
            if (named.Count == 0 || rng.OneIn(4))
            {
                notes.Add(MutateParts(rng, parts, onlyCase: 7));
                continue;
            }
            var it = rng.Pick(named);
            int cell = rng.Next(it.ValueLength / 4);
            uint v = rng.Pick(new uint[] { 0, 1, 2, 3, 4, 0x10, 0xffffffff });
            FdtParts.SetU32(parts.Struct, it.ValueOffset + 4 * cell, v);
            notes.Add($"cell {cell} of {parts.PropertyName(it)} at 0x{it.Offset:x} -> {v}");
        }
        return parts.Assemble();
    }

    public static byte[] Mutate(Rng rng, byte[] seed, List<string> notes)
    {
        var parts = FdtParts.Parse(seed);
        byte[] blob;
        if (parts is null)
        {
            blob = (byte[])seed.Clone();
            notes.Add("seed is no well-formed blob");
        }
        else
        {
            int structural = rng.Geometric(4) - (rng.OneIn(3) ? 1 : 0);
            for (int i = 0; i < structural; i++) notes.Add(MutateParts(rng, parts));
            blob = parts.Assemble();
        }
        int raw = rng.OneIn(2) ? rng.Geometric(3) : 0;
        for (int i = 0; i < raw; i++) blob = MutateRaw(rng, blob, notes);
        return blob;
    }

    private static string MutateParts(Rng rng, FdtParts p, int onlyCase = -1)
    {
        var items = p.Items();
        var props = items.Where(x => x.Token == FdtParts.Prop).ToList();
        var nodes = items.Where(x => x.Token == FdtParts.BeginNode).ToList();
        switch (onlyCase >= 0 ? onlyCase : rng.Next(12))
        {
            case 0:
            {
                if (items.Count == 0) return "no token";
                var it = rng.Pick(items);
                uint v = rng.Pick(new uint[] { 0, 1, 2, 3, 4, 5, 8, 9, 10, 0xffffffff });
                FdtParts.SetU32(p.Struct, it.Offset, v);
                return $"struct token at 0x{it.Offset:x} {it.Token} -> {v}";
            }
            case 1:
            {
                if (props.Count == 0) return "no property";
                var it = rng.Pick(props);
                uint v = rng.OneIn(2) ? rng.Pick(Edge32) : (uint)(it.ValueLength + rng.Range(-5, 5));
                FdtParts.SetU32(p.Struct, it.LenOffset, v);
                return $"property length at 0x{it.LenOffset:x} {it.ValueLength} -> {v}";
            }
            case 2:
            {
                if (props.Count == 0) return "no property";
                var it = rng.Pick(props);
                uint v = rng.OneIn(2) ? rng.Pick(Edge32) : (uint)Math.Max(0, p.Strings.Count + rng.Range(-3, 3));
                FdtParts.SetU32(p.Struct, it.Offset + 8, v);
                return $"property name offset at 0x{it.Offset + 8:x} -> {v}";
            }
            case 3:
            {
                if (nodes.Count == 0) return "no node";
                var it = rng.Pick(nodes);
                int nameStart = it.Offset + 4, nameLen = it.NameEnd - nameStart;
                var newName = rng.Pick(new[] { "", "a@", "@", "a/b", "x@1@2", "\u00e9", "a b", "n@ffffffffffffffffff", new string('n', 300), "cpus", "soc", "__symbols__", "aliases", "chosen" });
                var bytes = Encoding.UTF8.GetBytes(newName).Concat(new byte[] { 0 }).ToList();
                while (bytes.Count % 4 != 0) bytes.Add(0);
                int oldPadded = FdtParts.Align4(nameLen + 1);
                p.Struct.RemoveRange(nameStart, oldPadded);
                p.Struct.InsertRange(nameStart, bytes);
                return $"node name at 0x{nameStart:x} -> '{(newName.Length > 20 ? newName[..20] + "..." : newName)}'";
            }
            case 4:
            {
                if (nodes.Count == 0) return "no node";
                var it = rng.Pick(nodes);
                // remove the terminating NUL: the name runs into the next token
                if (it.NameEnd < p.Struct.Count) p.Struct[it.NameEnd] = (byte)'x';
                return $"node name at 0x{it.Offset + 4:x} without its NUL";
            }
            case 5:
            case 6:
            {
                var named = props.Where(x => CellProps.Contains(p.PropertyName(x))).ToList();
                if (named.Count == 0) return "no cell property";
                var it = rng.Pick(named);
                var name = p.PropertyName(it);
                var value = Enumerable.Range(0, rng.OneIn(3) ? rng.Range(0, 6) : Math.Max(1, it.ValueLength / 4)).Select(_ => rng.Pick(Edge32)).ToList();
                var bytes = new List<byte>();
                foreach (var v in value) bytes.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
                if (rng.OneIn(4) && bytes.Count > 0) bytes.RemoveAt(bytes.Count - 1);
                ReplaceValue(p, it, bytes);
                return $"property {name} at 0x{it.Offset:x} -> {bytes.Count} bytes of edge values";
            }
            case 7:
            {
                // a whole subtree copied after another one (duplicate names, phandles)
                var begins = nodes.Where(n => n.Offset > 0).ToList();
                if (begins.Count == 0) return "no subtree";
                var it = rng.Pick(begins);
                int end = SubtreeEnd(items, items.IndexOf(it));
                if (end < 0) return "subtree without end";
                var block = p.Struct.GetRange(it.Offset, end - it.Offset);
                int times = onlyCase < 0 && rng.OneIn(6) ? rng.Range(2, 200) : 1;
                for (int k = 0; k < times; k++) p.Struct.InsertRange(end, block);
                return $"subtree at 0x{it.Offset:x} ({block.Count} bytes) duplicated x{times}";
            }
            case 8:
            {
                if (items.Count == 0) return "no token";
                var it = rng.Pick(items);
                int len = rng.OneIn(2) ? 4 : rng.Range(1, 7);
                if (rng.OneIn(2)) p.Struct.InsertRange(it.Offset, Enumerable.Repeat((byte)0, len));
                else p.Struct.RemoveRange(it.Offset, Math.Min(len, p.Struct.Count - it.Offset));
                return $"{len} bytes inserted or removed at struct 0x{it.Offset:x}";
            }
            case 9:
            {
                // reserve map: an entry with edge values, or the terminator removed
                if (rng.OneIn(2) && p.ReserveMap.Count >= 16) p.ReserveMap.RemoveRange(p.ReserveMap.Count - 16, 16);
                else
                {
                    var entry = new byte[16];
                    for (int i = 0; i < 16; i++) entry[i] = rng.OneIn(2) ? (byte)0xff : (byte)rng.Next(256);
                    p.ReserveMap.InsertRange(0, entry);
                }
                return "reserve map edited";
            }
            case 10:
            {
                // strings block: a NUL removed (names run together) or the block cut
                if (p.Strings.Count == 0) return "no strings";
                if (rng.OneIn(2))
                {
                    int nul = p.Strings.IndexOf(0, rng.Next(p.Strings.Count));
                    if (nul >= 0) p.Strings[nul] = (byte)'_';
                }
                else p.Strings.RemoveRange(p.Strings.Count / 2, p.Strings.Count - p.Strings.Count / 2);
                return "strings block damaged";
            }
            default:
            {
                if (props.Count < 2) return "too few properties";
                var a = rng.Pick(props);
                var b = rng.Pick(props);
                var bv = p.Struct.GetRange(b.ValueOffset, b.ValueLength);
                ReplaceValue(p, a, bv);
                return $"value of property at 0x{b.Offset:x} copied onto 0x{a.Offset:x}";
            }
        }
    }

    private static void ReplaceValue(FdtParts p, FdtItem it, List<byte> bytes)
    {
        int oldPadded = FdtParts.Align4(it.ValueLength);
        p.Struct.RemoveRange(it.ValueOffset, Math.Min(oldPadded, p.Struct.Count - it.ValueOffset));
        var padded = new List<byte>(bytes);
        while (padded.Count % 4 != 0) padded.Add(0);
        p.Struct.InsertRange(it.ValueOffset, padded);
        FdtParts.SetU32(p.Struct, it.LenOffset, (uint)bytes.Count);
    }

    /// <summary>Offset just after the END_NODE that closes the node at <paramref name="index"/>, or -1.</summary>
    private static int SubtreeEnd(List<FdtItem> items, int index)
    {
        int depth = 0;
        for (int i = index; i < items.Count; i++)
        {
            if (items[i].Token == FdtParts.BeginNode) depth++;
            else if (items[i].Token == FdtParts.EndNode && --depth == 0) return items[i].Offset + 4;
        }
        return -1;
    }

    private static byte[] MutateRaw(Rng rng, byte[] blob, List<string> notes)
    {
        var b = new List<byte>(blob);
        switch (rng.Next(4))
        {
            case 0:
            case 1:
            {
                int field = rng.Next(10);
                uint v = rng.OneIn(3) ? (uint)(blob.Length + rng.Range(-8, 8)) : rng.Pick(Edge32);
                FdtParts.SetU32(b, field * 4, v);
                notes.Add($"header field {field} ({HeaderField(field)}) -> 0x{v:x}");
                break;
            }
            case 2:
            {
                int cut = rng.OneIn(2) ? rng.Next(Math.Min(b.Count, 48) + 1) : rng.Next(b.Count + 1);
                b.RemoveRange(cut, b.Count - cut);
                notes.Add($"truncated to {cut} bytes");
                break;
            }
            default:
            {
                int flips = rng.Geometric(8);
                for (int k = 0; k < flips && b.Count > 0; k++) b[rng.Next(b.Count)] ^= (byte)(1 << rng.Next(8));
                notes.Add($"{flips} bits flipped");
                break;
            }
        }
        return b.ToArray();
    }

    private static string HeaderField(int i) =>
        new[] { "magic", "totalsize", "off_dt_struct", "off_dt_strings", "off_mem_rsvmap", "version", "last_comp_version", "boot_cpuid_phys", "size_dt_strings", "size_dt_struct" }[i];
}
