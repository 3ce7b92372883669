namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// What one side of a diff booted, as the report and the JSON show it. Two slices can be merged only when their sides
/// are equal field by field.
/// </summary>
/// <param name="Spec">The <c>PROFILE/KERNEL/CONFIG</c> text, or null when the side came from the common boot options.</param>
/// <param name="Profile">The resolved profile with its overrides (<c>v4.12</c>, <c>v6.6+fw_devlink=permissive</c>).</param>
/// <param name="DriverSet">The driver set's name (<c>default</c>, <c>debian-bookworm-arm64</c>).</param>
/// <param name="Config">The scenario file, or null.</param>
/// <param name="Cmdline">The kernel command line.</param>
/// <param name="Corpus">Where the boards came from: <c>ROOT (ARCH)</c> or a DTB directory.</param>
public sealed record DiffSideInfo(string? Spec, string Profile, string DriverSet, string? Config, string Cmdline, string Corpus)
{
    /// <summary><c>v4.12, driver set default, ../shared/corpus/linux-v7.1 (arm64)</c> (config and cmdline when set).</summary>
    public string Describe()
    {
        var parts = new List<string> { Profile, "driver set " + DriverSet };
        if (Config is not null) parts.Add("config " + Config);
        if (Cmdline.Length > 0) parts.Add("cmdline \"" + Cmdline + "\"");
        parts.Add(Corpus);
        return string.Join(", ", parts);
    }
}
