namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// One side of a diff as the user writes it: <c>PROFILE/KERNEL/CONFIG</c>. The text is split on '/' into at most three
/// parts, so CONFIG (the rest of the string) may itself be a path with slashes. KERNEL and CONFIG are optional:
/// <c>v4.12</c>, <c>v6.1/debian-bookworm-arm64</c>, <c>v6.6/default/scenarios/modules.yaml</c>, <c>v6.6//x.yaml</c>.
/// </summary>
/// <param name="Text">The spec as written.</param>
/// <param name="Profile">A profile name (checked when the side is resolved).</param>
/// <param name="Kernel">A directory name under the kernels directory, or null for the built-in default driver set
/// (written as nothing or <c>default</c>).</param>
/// <param name="Config">A scenario YAML file, or null.</param>
public sealed record DiffSideSpec(string Text, string Profile, string? Kernel, string? Config)
{
    /// <summary>The KERNEL word that selects the built-in default driver set.</summary>
    public const string DefaultKernel = "default";

    /// <summary>Parses the spec; <paramref name="option"/> (<c>--a</c>) names it in errors.</summary>
    public static DiffSideSpec Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/', 3);
        var profile = parts[0].Trim();
        if (profile.Length == 0)
            throw new DiffException(DiffErrorKind.Usage, $"{option} '{text}': no profile; write PROFILE/KERNEL/CONFIG, e.g. v4.12/debian-bookworm-arm64");
        string? kernel = parts.Length > 1 ? parts[1].Trim() : null;
        if (kernel is "" or DefaultKernel) kernel = null;
        if (kernel is "." or "..")
            throw new DiffException(DiffErrorKind.Usage, $"{option} '{text}': KERNEL must be a directory name under the kernels directory, not '{kernel}'");
        string? config = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null;
        return new DiffSideSpec(text, profile, kernel, config);
    }
}
