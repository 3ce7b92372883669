namespace ProbeSim.Kernel.Iommu;

/// <summary>iommu_get_group_resv_regions: the members' regions, merged as iommu_insert_resv_region merges them.</summary>
internal static class ReservedRegionMerge
{
    // iommu_insert_resv_region (drivers/iommu/iommu.c:513-560): sorted by start (then type); regions of one type that overlap or
    // touch are merged into one
    public static IReadOnlyList<ReservedRegion> Merge(IEnumerable<ReservedRegion> regions)
    {
        var merged = new List<ReservedRegion>();
        foreach (var byType in regions.GroupBy(r => r.Type))
        {
            ReservedRegion? cur = null;
            foreach (var r in byType.OrderBy(r => r.Start))
            {
                if (cur is not null && r.Start <= cur.End + 1) { cur = cur with { End = Math.Max(cur.End, r.End) }; continue; }
                if (cur is not null) merged.Add(cur);
                cur = r;
            }
            if (cur is not null) merged.Add(cur);
        }
        return merged.OrderBy(r => r.Start).ThenBy(r => r.Type).ToList();
    }
}
