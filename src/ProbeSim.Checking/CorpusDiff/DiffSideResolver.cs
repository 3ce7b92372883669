using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>
/// Turns a <see cref="DiffSideSpec"/> into boot options: the profile (checked), the driver set of
/// KERNELS_DIR/KERNEL (read once per directory, shared by both sides) or the built-in default set, and the scenario
/// file. Every problem becomes a <see cref="DiffException"/> naming the option and the file.
/// </summary>
public sealed class DiffSideResolver
{
    private readonly string _kernelsDir;
    private readonly Func<string, string?>? _bundled;
    private readonly Dictionary<string, IDriverSetSource> _tables = new(StringComparer.Ordinal);

    /// <param name="kernelsDir">The directory holding kernel table directories (default <c>../shared/kernels</c>).</param>
    /// <param name="bundled">The directory of a driver set that comes with the tool (<c>debian-6.1</c>), or null: asked
    /// when KERNELS_DIR/KERNEL does not exist.</param>
    public DiffSideResolver(string kernelsDir, Func<string, string?>? bundled = null)
    {
        _kernelsDir = kernelsDir;
        _bundled = bundled;
    }

    /// <summary>
    /// Options for one side: <paramref name="common"/> (command line, switches, PCI, arch) with the side's profile,
    /// driver set and scenario. The side's profile wins over a <c>profile:</c> key in its scenario.
    /// </summary>
    public BootOptions Resolve(DiffSideSpec spec, BootOptions common, string option)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(common);
        var options = common with { Profile = spec.Profile, Drivers = spec.Kernel is null ? new DefaultDriverSet() : Tables(spec.Kernel, option) };
        if (spec.Config is { } config) options = WithScenario(options, config, option);
        try
        {
            options.ResolveProfile();
        }
        catch (ProfileException e)
        {
            throw new DiffException(DiffErrorKind.Usage, $"{option} '{spec.Text}': {e.Message}");
        }
        return options;
    }

    /// <summary>
    /// A description of the resolved side for reports and JSON. <paramref name="config"/> is the scenario file of a side
    /// without a spec (<c>--drivers</c>); a spec's own CONFIG wins.
    /// </summary>
    public static DiffSideInfo Describe(DiffSideSpec? spec, BootOptions options, string corpus, string? config = null) =>
        new(spec?.Text, options.ResolveProfile().ToString(), options.Drivers.Name, spec?.Config ?? config, options.Cmdline, corpus);

    private IDriverSetSource Tables(string kernel, string option)
    {
        var dir = Path.GetFullPath(Path.Combine(_kernelsDir, kernel));
        if (!Directory.Exists(dir) && _bundled?.Invoke(kernel) is { } bundled && Directory.Exists(bundled)) dir = Path.GetFullPath(bundled);
        if (_tables.TryGetValue(dir, out var known)) return known;
        if (!Directory.Exists(dir))
            throw new DiffException(DiffErrorKind.Usage, $"{option}: kernel '{kernel}': no directory {dir} and no bundled driver set of that name (set the kernels directory with --kernels-dir)");
        try
        {
            var tables = new KernelDriverTables(dir);
            _tables[dir] = tables;
            return tables;
        }
        catch (KernelTableException e)
        {
            throw new DiffException(DiffErrorKind.Input, e.Message);
        }
        catch (IOException e)
        {
            throw new DiffException(DiffErrorKind.Usage, $"{option}: kernel '{kernel}': {e.Message}");
        }
    }

    private static BootOptions WithScenario(BootOptions options, string path, string option)
    {
        if (!File.Exists(path)) throw new DiffException(DiffErrorKind.Usage, $"{option}: {path}: No such file or directory");
        try
        {
            return options.WithScenario(ScenarioFile.Load(path), profileGiven: true);
        }
        catch (ScenarioException e)
        {
            throw new DiffException(DiffErrorKind.Input, e.Message);
        }
        catch (IOException e)
        {
            throw new DiffException(DiffErrorKind.Usage, $"{option}: {path}: {e.Message}");
        }
    }
}
