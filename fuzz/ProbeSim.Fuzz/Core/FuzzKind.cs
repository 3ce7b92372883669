namespace ProbeSim.Fuzz.Core;

/// <summary>The seven kinds of input the harness generates.</summary>
public enum FuzzKind { Dts, Dtb, Scenario, PciYaml, Sysfs, Argv, Acpi }

public static class FuzzKinds
{
    public static readonly IReadOnlyList<FuzzKind> All = Enum.GetValues<FuzzKind>();

    public static string Name(FuzzKind k) => k switch
    {
        FuzzKind.Dts => "dts",
        FuzzKind.Dtb => "dtb",
        FuzzKind.Scenario => "scenario",
        FuzzKind.PciYaml => "pci",
        FuzzKind.Sysfs => "sysfs",
        FuzzKind.Argv => "argv",
        FuzzKind.Acpi => "acpi",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>The kind of input <paramref name="index"/>: the seven kinds in turn.</summary>
    public static FuzzKind Of(long index) => All[(int)(index % All.Count)];

    /// <summary>A comma-separated list of kind names; null or empty = all.</summary>
    public static IReadOnlyList<FuzzKind> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return All;
        var kinds = new SortedSet<FuzzKind>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var k = All.FirstOrDefault(k => Name(k) == part, (FuzzKind)(-1));
            if ((int)k < 0) throw new ArgumentException($"unknown input kind '{part}' (expected: {string.Join(", ", All.Select(Name))})");
            kinds.Add(k);
        }
        return kinds.ToList();
    }

    /// <summary>
    /// The index of the <paramref name="position"/>-th input whose kind is in <paramref name="kinds"/> (a sorted subset of
    /// <see cref="All"/>): with every kind it is the position itself.
    /// </summary>
    public static long IndexAt(long position, IReadOnlyList<FuzzKind> kinds) =>
        position / kinds.Count * All.Count + (int)kinds[(int)(position % kinds.Count)];
}
