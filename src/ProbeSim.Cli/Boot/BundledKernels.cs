namespace ProbeSim.Cli.Boot;

/// <summary>
/// Driver sets that come with the tool (made by <c>probesim kernel import</c>, see kernels/README.md): <c>--kernel NAME</c>
/// names one when NAME is not a directory. <c>debian-6.1</c> is Debian 12's arm64 kernel, 6.1.0-56-arm64;
/// <c>debian-6.12</c> Debian 13's, 6.12.118+deb13-arm64.
/// </summary>
public static class BundledKernels
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["debian-6.1"] = "debian-6.1-arm64",
        ["debian-6.12"] = "debian-6.12-arm64",
    };

    /// <summary>The folder that holds the bundled sets, beside the tool.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "kernels");

    /// <summary>The bundled names (aliases included), sorted.</summary>
    public static IReadOnlyList<string> Names() =>
        (Directory.Exists(Root) ? Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>() : [])
        .Concat(Aliases.Keys).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The directory <paramref name="value"/> means: itself when it exists or looks like a path, else a bundled set of that name.</summary>
    public static string Resolve(string value)
    {
        if (Directory.Exists(value) || value.Contains('/') || value.Contains(Path.DirectorySeparatorChar)) return value;
        var name = Aliases.GetValueOrDefault(value, value);
        var dir = Path.Combine(Root, name);
        return Directory.Exists(dir) ? dir : value;
    }

    /// <summary>The directory of the bundled set <paramref name="name"/>, or null when the tool has none of that name.</summary>
    public static string? Find(string name)
    {
        var dir = Path.Combine(Root, Aliases.GetValueOrDefault(name, name));
        return Directory.Exists(dir) ? dir : null;
    }
}
