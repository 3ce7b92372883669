using System.Buffers.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>Writes version 17 blobs laid out exactly as dtc 1.8.1's <c>dt_to_blob</c> lays them out.</summary>
public static class FdtWriter
{
    public static byte[] Write(DtTree tree) => Write(tree, FdtWriteOptions.Default);

    public static byte[] Write(DtTree tree, FdtWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // Sizing pass: the structure block size, the strings block and every property's name offset.
        var walk = FdtTreeWalk.Flatten(tree.Root);
        var strings = new FdtStringTable();
        var nameOffsets = new List<int>();
        long structSize = 4; // FDT_END
        foreach (var step in walk)
        {
            if (step.IsEnd) { structSize += 4; continue; }
            var node = step.Node;
            // flatten_tree: FDT_BEGIN_NODE, the name and its NUL, padded to 4
            structSize += 4 + FdtConstants.Align4(FdtText.ByteCount(node.Name) + 1);
            foreach (var prop in node.PropertyList)
            {
                // flatten_tree: property names go to the strings block in structure order
                nameOffsets.Add(strings.Insert(prop.Name));
                structSize += 12 + FdtConstants.Align4(prop.Value.Length);
            }
        }

        // make_fdt_header: the reserve map sits right after the 8-aligned header, ending in one zero entry
        const int reserveOff = FdtConstants.V17HeaderSize;
        long reserveSize = (long)(tree.ReserveMap.Count + options.ReserveEntries + 1) * FdtConstants.ReserveEntrySize;
        long structOff = reserveOff + reserveSize;
        long stringsOff = structOff + structSize;
        long contentSize = stringsOff + strings.Length;
        long total = contentSize + options.PaddingFor(contentSize);
        if (total > int.MaxValue) throw new ArgumentException($"blob would be {total} bytes, too large");

        var blob = new byte[total];
        var span = blob.AsSpan();
        WriteHeader(span, (uint)total, (uint)structOff, (uint)stringsOff, reserveOff, tree.BootCpuIdPhys,
            (uint)strings.Length, (uint)structSize);

        // flatten_reserve_list: the tree's entries, then -R empty ones; the array is already zero for those
        var pos = reserveOff;
        foreach (var re in tree.ReserveMap)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span[pos..], re.Address);
            BinaryPrimitives.WriteUInt64BigEndian(span[(pos + 8)..], re.Size);
            pos += FdtConstants.ReserveEntrySize;
        }

        WriteStruct(span[(int)structOff..(int)stringsOff], walk, nameOffsets);
        strings.Bytes.CopyTo(span[(int)stringsOff..]);
        return blob;
    }

    // make_fdt_header: version 17, last compatible 16, every field filled
    private static void WriteHeader(Span<byte> s, uint total, uint structOff, uint stringsOff, int reserveOff,
        uint bootCpu, uint stringsSize, uint structSize)
    {
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffMagic..], FdtConstants.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffTotalSize..], total);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffDtStruct..], structOff);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffDtStrings..], stringsOff);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffMemRsvMap..], (uint)reserveOff);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffVersion..], FdtConstants.DefaultVersion);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffLastCompVersion..], FdtConstants.DefaultLastCompVersion);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffBootCpuidPhys..], bootCpu);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffSizeDtStrings..], stringsSize);
        BinaryPrimitives.WriteUInt32BigEndian(s[FdtConstants.OffSizeDtStruct..], structSize);
    }

    // flatten_tree: node, its properties, its children, FDT_END_NODE; then FDT_END after the root
    private static void WriteStruct(Span<byte> s, List<FdtTreeWalk.Step> walk, List<int> nameOffsets)
    {
        var pos = 0;
        var prop = 0;
        foreach (var step in walk)
        {
            if (step.IsEnd)
            {
                BinaryPrimitives.WriteUInt32BigEndian(s[pos..], FdtConstants.EndNode);
                pos += 4;
                continue;
            }
            var node = step.Node;
            BinaryPrimitives.WriteUInt32BigEndian(s[pos..], FdtConstants.BeginNode);
            pos += 4;
            var n = FdtText.Encode(node.Name, s[pos..]);
            pos += (int)FdtConstants.Align4(n + 1); // NUL and padding are already zero
            foreach (var p in node.PropertyList)
            {
                BinaryPrimitives.WriteUInt32BigEndian(s[pos..], FdtConstants.Prop);
                BinaryPrimitives.WriteUInt32BigEndian(s[(pos + 4)..], (uint)p.Value.Length);
                BinaryPrimitives.WriteUInt32BigEndian(s[(pos + 8)..], (uint)nameOffsets[prop++]);
                p.Value.CopyTo(s[(pos + 12)..]);
                pos += 12 + (int)FdtConstants.Align4(p.Value.Length);
            }
        }
        BinaryPrimitives.WriteUInt32BigEndian(s[pos..], FdtConstants.End);
    }
}
