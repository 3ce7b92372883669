using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Pci;

/// <summary>What of_map_id found for one requester ID in a host bridge's iommu-map.</summary>
internal enum MapIdKind { Hit, BadLength, MaskIgnoresBase, DanglingPhandle, NoMatch }

/// <summary>The result of <see cref="OfMapId.Lookup"/>: the IOMMU node and output ID on a hit, else what went wrong.</summary>
internal readonly record struct MapIdResult(MapIdKind Kind, DtNode? Node = null, uint Id = 0, uint Mask = 0, uint RidBase = 0, uint Phandle = 0, int Length = 0);

/// <summary>of_map_id over iommu-map / iommu-map-mask, without messages: the callers word what it found.</summary>
internal static class OfMapId
{
    // of_map_id: entries <rid-base phandle out-base length>, the first covering the masked ID wins
    public static MapIdResult Lookup(DtNode host, DtProperty map, uint rid, DeviceTreeIndex index)
    {
        if (map.Length % 16 != 0 || map.Length == 0) return new(MapIdKind.BadLength, Length: map.Length);
        uint mask = host.GetU32("iommu-map-mask") ?? 0xffffffff;
        uint masked = rid & mask;
        for (int i = 0; i + 4 <= map.Length / 4; i += 4)
        {
            uint ridBase = map.GetU32(i), phandle = map.GetU32(i + 1), outBase = map.GetU32(i + 2), len = map.GetU32(i + 3);
            // a rid-base with bits the mask clears: -EFAULT
            if ((ridBase & ~mask) != 0) return new(MapIdKind.MaskIgnoresBase, Mask: mask, RidBase: ridBase);
            if (masked < ridBase || masked - ridBase >= len) continue;
            var target = phandle == 0 ? null : index.ByPhandle(phandle);
            return target is null ? new(MapIdKind.DanglingPhandle, Phandle: phandle) : new(MapIdKind.Hit, target, masked - ridBase + outBase);
        }
        return new(MapIdKind.NoMatch);
    }
}
