namespace ProbeSim.Kernel.Profiles;

/// <summary>A named kernel behaviour profile: a value for every switch of <see cref="SwitchCatalog"/>.</summary>
public sealed class KernelProfile
{
    private readonly IReadOnlyDictionary<string, string> _values;

    internal KernelProfile(string name, string description, IReadOnlyDictionary<string, string> values, IReadOnlyList<string> overridden)
    {
        Name = name;
        Description = description;
        _values = values;
        Overridden = overridden;
        Settings = new ProfileSettings(this);
    }

    public string Name { get; }
    public string Description { get; }
    /// <summary>Switches changed from the named profile by --set (in the order given).</summary>
    public IReadOnlyList<string> Overridden { get; }
    public ProfileSettings Settings { get; }

    public string this[string name] => _values[name];
    public IEnumerable<KeyValuePair<string, string>> Values => SwitchCatalog.All.Select(s => new KeyValuePair<string, string>(s.Name, _values[s.Name]));

    /// <summary>A copy with switches overridden (--set NAME=VALUE); a list value starting with + or - adds or removes items.</summary>
    public KernelProfile With(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        var changed = new List<string>(Overridden);
        foreach (var (key, raw) in overrides)
        {
            var sw = SwitchCatalog.Find(key) ?? throw new ProfileException($"unknown profile switch '{key}' (probesim profiles lists them)");
            string? value;
            if (sw.Kind == SwitchKind.List && raw.Length > 0 && (raw[0] == '+' || raw[0] == '-'))
            {
                var current = sw.SplitList(values[sw.Name]).ToList();
                var items = sw.SplitList(raw[1..]);
                if (raw[0] == '+') current.AddRange(items.Where(i => !current.Contains(i)));
                else current.RemoveAll(items.Contains);
                value = sw.Normalise(string.Join(" ", current));
            }
            else value = sw.Normalise(raw);
            if (value is null) throw new ProfileException($"bad value '{raw}' for switch '{sw.Name}': expected {sw.Expected}");
            values[sw.Name] = value;
            if (!changed.Contains(sw.Name)) changed.Add(sw.Name);
        }
        return new KernelProfile(Name, Description, values, changed);
    }

    public override string ToString() => Overridden.Count == 0 ? Name : Name + "+" + string.Join("+", Overridden.Select(o => o + "=" + _values[o]));
}

/// <summary>A profile name, switch or value that does not exist.</summary>
public sealed class ProfileException(string message) : Exception(message);
