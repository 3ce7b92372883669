using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Profiles;

/// <summary>The named profiles, read once from the embedded profiles.yaml (immutable, shared by every Kernel).</summary>
public sealed class ProfileLibrary
{
    private readonly Dictionary<string, KernelProfile> _byName = new(StringComparer.Ordinal);
    private readonly List<KernelProfile> _ordered = new();

    public static ProfileLibrary Default { get; } = LoadEmbedded();

    /// <summary>Profiles in history order.</summary>
    public IReadOnlyList<KernelProfile> Profiles => _ordered;

    public const string DefaultProfile = "v6.6";

    /// <summary>A profile by name (<c>latest</c> is the newest one).</summary>
    public KernelProfile Get(string name)
    {
        if (name == "latest") return _ordered[^1];
        return _byName.TryGetValue(name, out var p) ? p
            : throw new ProfileException($"unknown profile '{name}'; profiles: {string.Join(", ", _ordered.Select(x => x.Name))}, latest");
    }

    private static ProfileLibrary LoadEmbedded()
    {
        using var stream = typeof(ProfileLibrary).Assembly.GetManifestResourceStream("ProbeSim.Kernel.Profiles.profiles.yaml")
            ?? throw new InvalidOperationException("profiles.yaml is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static ProfileLibrary Parse(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var lib = new ProfileLibrary();
        foreach (var (keyNode, valueNode) in ((YamlMappingNode)yaml.Documents[0].RootNode).Children)
        {
            var name = ((YamlScalarNode)keyNode).Value!;
            var body = (YamlMappingNode)valueNode;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            string description = "";
            foreach (var (k, v) in body.Children)
            {
                switch (((YamlScalarNode)k).Value)
                {
                    case "from":
                        foreach (var kv in lib.Get(((YamlScalarNode)v).Value!).Values) values[kv.Key] = kv.Value;
                        break;
                    case "description": description = ((YamlScalarNode)v).Value!; break;
                    case "switches":
                        foreach (var (sk, sv) in ((YamlMappingNode)v).Children)
                        {
                            var sw = SwitchCatalog.Find(((YamlScalarNode)sk).Value!) ?? throw new ProfileException($"profiles.yaml:{sk.Start.Line}: unknown switch {sk}");
                            var items = sv is YamlSequenceNode seq ? seq.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList() : null;
                            var raw = items is not null ? string.Join(" ", items) : ((YamlScalarNode)sv).Value ?? "";
                            // a list whose items all start with + or - edits the list the profile inherits
                            if (sw.Kind == SwitchKind.List && items is { Count: > 0 } && items.All(i => i.Length > 1 && i[0] is '+' or '-'))
                            {
                                if (!values.TryGetValue(sw.Name, out var inherited)) throw new ProfileException($"profiles.yaml:{sv.Start.Line}: {sw.Name} edits a list the profile does not inherit");
                                var current = sw.SplitList(inherited).ToList();
                                foreach (var item in items)
                                {
                                    var entry = item[1..];
                                    if (item[0] == '+') { if (!current.Contains(entry)) current.Add(entry); }
                                    else if (!current.Remove(entry)) throw new ProfileException($"profiles.yaml:{sv.Start.Line}: {sw.Name} has no item '{entry}' to remove");
                                }
                                raw = string.Join(" ", current);
                            }
                            else if (sw.Kind == SwitchKind.List && items is not null && items.Any(i => i.Length > 0 && i[0] is '+' or '-'))
                                throw new ProfileException($"profiles.yaml:{sv.Start.Line}: {sw.Name} mixes +/- edits with plain items");
                            values[sw.Name] = sw.Normalise(raw) ?? throw new ProfileException($"profiles.yaml:{sv.Start.Line}: bad value '{raw}' for {sw.Name}");
                        }
                        break;
                    default: throw new ProfileException($"profiles.yaml:{k.Start.Line}: unknown key {k}");
                }
            }
            foreach (var sw in SwitchCatalog.All)
                if (!values.ContainsKey(sw.Name)) throw new ProfileException($"profiles.yaml: profile {name} has no value for {sw.Name}");
            var profile = new KernelProfile(name, description, values, Array.Empty<string>());
            lib._byName[name] = profile;
            lib._ordered.Add(profile);
        }
        return lib;
    }
}
