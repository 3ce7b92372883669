namespace ProbeSim.Kernel.Iommu.Amd;

/// <summary>
/// One <c>struct amd_iommu_pci_seg</c>: <see cref="LastBdf"/> and the per-device tables of the segment.
/// <c>rlookup_table</c> says which IOMMU translates a 16-bit device ID (null: none); <c>alias_table</c> which device ID
/// the IOMMU sees its DMA with. Both are kept for all 65,536 IDs: the kernel sizes them for <see cref="LastBdf"/> but
/// writes SPECIAL and alias targets wherever they point, and <c>check_device</c> refuses every ID above
/// <see cref="LastBdf"/> anyway. Immutable: <see cref="WithRlookup"/> gives a changed copy.
/// </summary>
public sealed class AmdPciSegment
{
    private const sbyte NoIommu = -1;
    private readonly sbyte[] _rlookup;
    private readonly ushort[] _alias;
    private readonly HashSet<ushort> _ownFunctions;

    internal AmdPciSegment(ushort id, ushort lastBdf, sbyte[] rlookup, ushort[] alias, HashSet<ushort> ownFunctions)
    {
        Id = id; LastBdf = lastBdf; _rlookup = rlookup; _alias = alias; _ownFunctions = ownFunctions;
    }

    /// <summary>alloc_alias_table (drivers/iommu/amd/init.c:719-723): every alias starts as the device itself.</summary>
    internal static AmdPciSegment Empty(ushort id, ushort lastBdf)
    {
        var rlookup = new sbyte[0x10000];
        Array.Fill(rlookup, NoIommu);
        var alias = new ushort[0x10000];
        for (int i = 0; i < alias.Length; i++) alias[i] = (ushort)i;
        return new AmdPciSegment(id, lastBdf, rlookup, alias, new HashSet<ushort>());
    }

    /// <summary>The PCI segment (domain) number.</summary>
    public ushort Id { get; }

    /// <summary>find_last_devid_acpi (drivers/iommu/amd/init.c:616-641): the highest device ID of the segment's IVHDs of the type read; 0xffff with an ALL entry.</summary>
    public ushort LastBdf { get; }

    /// <summary><c>rlookup_table[devid]</c>: the index of the IOMMU that translates <paramref name="devid"/>, or null.</summary>
    public int? IommuIndexFor(ushort devid) => _rlookup[devid] is var i && i == NoIommu ? null : i;

    /// <summary><c>alias_table[devid]</c>: the device ID the IOMMU sees <paramref name="devid"/>'s DMA with.</summary>
    public ushort AliasOf(ushort devid) => _alias[devid];

    /// <summary>
    /// init_iommu_one_late (drivers/iommu/amd/init.c:1878-1882): the device IDs of IOMMUs' own functions, whose rlookup
    /// entry the kernel cleared after reading every IVHD ("the IOMMU does not translate itself").
    /// </summary>
    public IReadOnlyCollection<ushort> IommuFunctions => _ownFunctions;

    /// <summary>The device IDs with an rlookup entry, as ranges of consecutive IDs with the same IOMMU (for reports and tests).</summary>
    public IReadOnlyList<(ushort First, ushort Last, int Iommu)> RlookupRanges()
    {
        var ranges = new List<(ushort, ushort, int)>();
        for (int d = 0; d < 0x10000;)
        {
            var v = _rlookup[d];
            int e = d;
            while (e + 1 < 0x10000 && _rlookup[e + 1] == v) e++;
            if (v != NoIommu) ranges.Add(((ushort)d, (ushort)e, v));
            d = e + 1;
        }
        return ranges;
    }

    /// <summary>The device IDs whose alias is another ID (the ALIAS entries' effect), in ID order.</summary>
    public IReadOnlyList<(ushort DeviceId, ushort Alias)> Aliases()
    {
        var list = new List<(ushort, ushort)>();
        for (int d = 0; d < _alias.Length; d++)
            if (_alias[d] != d) list.Add(((ushort)d, _alias[d]));
        return list;
    }

    /// <summary>A copy whose rlookup entries for <paramref name="devids"/> name IOMMU <paramref name="iommuIndex"/>.</summary>
    public AmdPciSegment WithRlookup(IEnumerable<ushort> devids, int iommuIndex)
    {
        var rlookup = (sbyte[])_rlookup.Clone();
        foreach (var d in devids) rlookup[d] = (sbyte)iommuIndex;
        return new AmdPciSegment(Id, LastBdf, rlookup, _alias, _ownFunctions);
    }

    // the builder's writes (AmdIommuTableBuilder), before the segment is handed out
    internal void SetRlookup(ushort devid, int iommuIndex) => _rlookup[devid] = (sbyte)iommuIndex;
    internal void SetAlias(ushort devid, ushort alias) => _alias[devid] = alias;
    internal void ClearIommuFunction(ushort devid)
    {
        _rlookup[devid] = NoIommu;
        _ownFunctions.Add(devid);
    }

    public override string ToString() => $"segment {Id:x4} (last_bdf 0x{LastBdf:x4})";
}
