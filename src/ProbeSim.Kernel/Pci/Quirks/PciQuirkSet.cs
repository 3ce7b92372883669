namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// The built-in PCI quirks one kernel has: the groups of <see cref="AcsQuirkTable"/> and <see cref="DmaAliasQuirkTable"/>
/// in force (a profile's <c>pci_acs_quirks</c> and <c>pci_dma_alias_quirks</c>) and the machine facts a quirk reads
/// (<see cref="AcpiIvrs"/>). <see cref="None"/> is a bare description with no kernel quirks. Immutable; two sets with the
/// same groups and facts are equal.
/// </summary>
public sealed class PciQuirkSet : IEquatable<PciQuirkSet>
{
    private readonly HashSet<string> _acs, _alias;
    private readonly Dictionary<AcsQuirkKind, PciDeviceRange[]> _inner;

    public static PciQuirkSet None { get; } = new([], []);

    /// <summary>A set of groups; an unknown group name is an <see cref="ArgumentException"/> naming it.</summary>
    public PciQuirkSet(IEnumerable<string> acsGroups, IEnumerable<string> dmaAliasGroups, bool acpiIvrs = false)
    {
        _acs = Known(acsGroups, AcsQuirkTable.Groups, "ACS");
        _alias = Known(dmaAliasGroups, DmaAliasQuirkTable.Groups, "DMA alias");
        AcpiIvrs = acpiIvrs;
        AcsGroups = AcsQuirkTable.Groups.Where(_acs.Contains).ToArray();
        DmaAliasGroups = DmaAliasQuirkTable.Groups.Where(_alias.Contains).ToArray();
        AcsEntries = AcsQuirkTable.Entries.Where(e => _acs.Contains(e.Group)).ToArray();
        DmaAliasEntries = DmaAliasQuirkTable.Entries.Where(e => _alias.Contains(e.Group)).ToArray();
        _inner = AcsQuirkTable.InnerDevices.Where(d => _acs.Contains(d.Group))
            .GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Devices).ToArray());
    }

    private static HashSet<string> Known(IEnumerable<string> groups, IReadOnlyList<string> known, string what)
    {
        var set = new HashSet<string>(groups, StringComparer.Ordinal);
        foreach (var g in set)
            if (!known.Contains(g)) throw new ArgumentException($"unknown PCI {what} quirk group '{g}'; known: {string.Join(", ", known)}");
        return set;
    }

    /// <summary>ACS groups in force, in table order.</summary>
    public IReadOnlyList<string> AcsGroups { get; }

    /// <summary>DMA alias groups in force, in table order.</summary>
    public IReadOnlyList<string> DmaAliasGroups { get; }

    /// <summary>The firmware has an ACPI IVRS table (an AMD IOMMU); never on a DT machine.</summary>
    public bool AcpiIvrs { get; }

    /// <summary>The <c>pci_dev_acs_enabled[]</c> entries in force, in the kernel's order.</summary>
    public IReadOnlyList<AcsQuirkEntry> AcsEntries { get; }

    /// <summary>The DMA alias header fixups in force, in table order.</summary>
    public IReadOnlyList<DmaAliasQuirkEntry> DmaAliasEntries { get; }

    /// <summary>Whether the device list a quirk function keeps inside itself holds <paramref name="device"/>.</summary>
    public bool Lists(AcsQuirkKind kind, ushort device) =>
        _inner.TryGetValue(kind, out var ranges) && ranges.Any(r => r.Contains(device));

    public PciQuirkSet WithAcpiIvrs(bool acpiIvrs) => acpiIvrs == AcpiIvrs ? this : new(_acs, _alias, acpiIvrs);

    public bool Equals(PciQuirkSet? other) =>
        other is not null && AcpiIvrs == other.AcpiIvrs && _acs.SetEquals(other._acs) && _alias.SetEquals(other._alias);

    public override bool Equals(object? obj) => Equals(obj as PciQuirkSet);

    public override int GetHashCode() => HashCode.Combine(AcpiIvrs, _acs.Count, _alias.Count);

    public override string ToString() =>
        $"acs [{string.Join(" ", AcsGroups)}] dma-alias [{string.Join(" ", DmaAliasGroups)}]{(AcpiIvrs ? " ivrs" : "")}";
}
