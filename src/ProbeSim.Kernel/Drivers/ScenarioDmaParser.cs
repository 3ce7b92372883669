using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Parses a driver's <c>dma:</c> list: <c>map: SIZE</c> (optional <c>dir: to-device|from-device|bidirectional</c>),
/// <c>map-sg: [SIZE, ...]</c>, <c>alloc-coherent: SIZE</c>, <c>access: last|all</c>, <c>unmap: last|all</c>, <c>wait: 10ms</c>.
/// Sizes are bytes, or with K, M or G (binary) suffixes.
/// </summary>
internal static class ScenarioDmaParser
{
    private static readonly string[] Keys = { "map", "map-sg", "alloc-coherent", "access", "unmap", "wait", "dir" };
    private static readonly string[] Directions = { "to-device", "from-device", "bidirectional" };

    public static IReadOnlyList<DmaStep> Parse(ScenarioYaml yaml, YamlNode node)
    {
        var steps = new List<DmaStep>();
        foreach (var item in yaml.Sequence(node, "dma").Children)
        {
            var map = yaml.Mapping(item, "a dma step");
            DmaStep? step = null;
            string dir = "bidirectional";
            YamlNode? dirNode = null;
            foreach (var (key, keyNode, value) in yaml.Entries(map, "dma step", Keys))
            {
                if (key == "dir")
                {
                    dir = yaml.Scalar(value, "dir");
                    if (!Directions.Contains(dir)) throw yaml.Error(value, $"unknown DMA direction '{dir}' (expected one of: {string.Join(", ", Directions)})");
                    dirNode = keyNode;
                    continue;
                }
                if (step is not null) throw yaml.Error(keyNode, "a dma step has exactly one of map, map-sg, alloc-coherent, access, unmap, wait");
                step = key switch
                {
                    "map" => new DmaStep(DmaStepKind.Map, Size(yaml, value)),
                    "map-sg" => new DmaStep(DmaStepKind.MapSg, Sizes: yaml.Sequence(value, "map-sg").Children.Select(c => Size(yaml, c)).ToList()),
                    "alloc-coherent" => new DmaStep(DmaStepKind.AllocCoherent, Size(yaml, value)),
                    "access" => new DmaStep(DmaStepKind.Access, All: LastOrAll(yaml, value, "access")),
                    "unmap" => new DmaStep(DmaStepKind.Unmap, All: LastOrAll(yaml, value, "unmap")),
                    _ => new DmaStep(DmaStepKind.Wait, WaitUs: Duration(yaml, value)),
                };
            }
            if (step is null) throw yaml.Error(item, "a dma step needs one of map, map-sg, alloc-coherent, access, unmap, wait");
            if (dirNode is not null && step.Kind is not (DmaStepKind.Map or DmaStepKind.MapSg))
                throw yaml.Error(dirNode, "dir is only for map and map-sg");
            steps.Add(step with { Direction = dir });
        }
        return steps;
    }

    private static bool LastOrAll(ScenarioYaml yaml, YamlNode value, string what) => yaml.Scalar(value, what) switch
    {
        "last" => false,
        "all" => true,
        var s => throw yaml.Error(value, $"{what} takes last or all, not '{s}'"),
    };

    /// <summary>A byte count: 4096, 4K, 64K, 2M, 0x1000.</summary>
    public static ulong Size(ScenarioYaml yaml, YamlNode value)
    {
        var s = yaml.Scalar(value, "size").Trim();
        ulong mult = 1;
        if (s.Length > 1 && char.ToUpperInvariant(s[^1]) is 'K' or 'M' or 'G')
        {
            mult = char.ToUpperInvariant(s[^1]) switch { 'K' => 1UL << 10, 'M' => 1UL << 20, _ => 1UL << 30 };
            s = s[..^1];
        }
        bool ok = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var n)
            : ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n);
        if (!ok || n == 0 || n > (1UL << 40) / mult) throw yaml.Error(value, $"bad size '{yaml.Scalar(value, "size")}' (bytes, or with K, M, G)");
        return n * mult;
    }

    /// <summary>A duration: 10ms, 2s, 500us; at most <see cref="ScenarioTime.MaxSeconds"/>.</summary>
    private static long Duration(ScenarioYaml yaml, YamlNode value)
    {
        var s = yaml.Scalar(value, "wait").Trim();
        (string num, long mult) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 1000L)
            : s.EndsWith("us", StringComparison.Ordinal) ? (s[..^2], 1L)
            : s.EndsWith('s') ? (s[..^1], 1_000_000L) : (s, -1L);
        if (mult < 0 || !double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            throw yaml.Error(value, $"bad duration '{s}' (e.g. 10ms, 2s, 500us)");
        if (v * mult > ScenarioTime.MaxSeconds * 1_000_000)
            throw yaml.Error(value, $"wait {s} is beyond the simulated clock's range (at most {ScenarioTime.MaxSeconds:0} seconds)");
        return (long)Math.Round(v * mult);
    }
}
