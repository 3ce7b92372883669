namespace ProbeSim.Import.Kbuild;

/// <summary>A kernel <c>.config</c>: <c>CONFIG_X=value</c> lines; <c># CONFIG_X is not set</c> and absent symbols are unset (empty in make).</summary>
public sealed class KernelConfig
{
    private readonly Dictionary<string, string> _values;

    private KernelConfig(Dictionary<string, string> values) => _values = values;

    public static KernelConfig Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            int eq = line.IndexOf('=');
            if (eq <= 0 || !line.StartsWith("CONFIG_", StringComparison.Ordinal)) continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            values[line[..eq]] = value;
        }
        return new KernelConfig(values);
    }

    public static KernelConfig FromValues(IReadOnlyDictionary<string, string> values) => new(new Dictionary<string, string>(values, StringComparer.Ordinal));

    /// <summary>The value make sees for <paramref name="name"/> (auto.conf): "y", "m", a string, or "" when unset.</summary>
    public string Get(string name) => _values.TryGetValue(name, out var v) && v != "n" ? v : "";

    public bool IsSet(string name) => Get(name).Length > 0;

    public int Count => _values.Count;
}
