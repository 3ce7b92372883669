namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// The Intel PCH root ports of <c>pci_quirk_intel_pch_acs_ids[]</c> (quirks.c:4686-4712 of 6.1.192; the same list in
/// every release read, 4.2.8 to 6.18.2): root ports with ACS-like isolation but no ACS capability.
/// </summary>
public static class IntelPchAcsIds
{
    public const string Source = "quirks.c:4686-4712";

    private static IEnumerable<PciDeviceRange> Ids()
    {
        // quirks.c:4688-4689 Ibex Peak, 4691-4692 Cougar Point, 4694-4695 Panther Point, 4697-4698 Lynx Point-H
        yield return new(0x3b42, 0x3b51);
        yield return new(0x1c10, 0x1c1f);
        yield return new(0x1e10, 0x1e1f);
        yield return new(0x8c10, 0x8c1f);
        // quirks.c:4700-4701 Lynx Point-LP, 4703-4704 Wildcat Point
        yield return new(0x9c10, 0x9c1b);
        yield return new(0x9c90, 0x9c9b);
        // quirks.c:4706 Patsburg (X79): even IDs only
        for (ushort id = 0x1d10; id <= 0x1d1e; id += 2) yield return id;
        // quirks.c:4708-4709 Wellsburg (X99)
        yield return new(0x8d10, 0x8d1e);
        // quirks.c:4711 Lynx Point (9 series): even IDs only
        for (ushort id = 0x8c90; id <= 0x8c9e; id += 2) yield return id;
    }

    public static IReadOnlyList<PciDeviceRange> All { get; } = Ids().ToArray();
}
