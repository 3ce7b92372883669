using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>
/// What an early OF init registers for its node: walks the init function, same-file helpers and the family library
/// functions it reaches: static inline wrappers in the headers it includes with quotes, the functions of
/// <see cref="LibraryFacts"/> that live in a .c file, and non-static functions of other .c files of its directory
/// (rockchip_register_softrst[_lut] in softrst.c, ...).
/// </summary>
internal sealed class EarlyInitWalker
{
    private readonly SourceSet _sources;
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly SortedSet<EarlyProvides> _provides = new();
    private bool _leaves;
    private int _walked;

    public EarlyInitWalker(SourceSet sources) => _sources = sources;

    public (IReadOnlyList<EarlyProvides> Provides, bool LeavesNode) Walk(CSourceFile f, CFunction fn)
    {
        WalkFunction(f, fn, 0);
        return (_provides.ToList(), _leaves);
    }

    /// <summary>The provider registrations an early init can make (each the kernel function of that name).</summary>
    internal static EarlyProvides? ProvidedBy(string name)
    {
        switch (name)
        {
            case "of_clk_add_provider" or "of_clk_add_hw_provider" or "devm_of_clk_add_hw_provider": return EarlyProvides.Clock;
            case "reset_controller_register" or "devm_reset_controller_register": return EarlyProvides.Reset;
            case "clocksource_register_hz" or "clocksource_register_khz" or "__clocksource_register" or "clocksource_mmio_init"
                or "clockevents_config_and_register" or "clockevents_register_device" or "timer_of_init" or "sched_clock_register":
                return EarlyProvides.Timer;
            case "pm_genpd_init" or "of_genpd_add_provider_simple" or "of_genpd_add_provider_onecell": return EarlyProvides.PowerDomain;
            case "gpiochip_add_data" or "devm_gpiochip_add_data" or "gpiochip_add": return EarlyProvides.Gpio;
            case "pinctrl_register" or "devm_pinctrl_register" or "pinctrl_register_and_init": return EarlyProvides.Pinctrl;
        }
        if (name.StartsWith("irq_domain_add_", StringComparison.Ordinal) || name.StartsWith("irq_domain_create_", StringComparison.Ordinal)
            || name == "__irq_domain_add")
            return EarlyProvides.Irq;
        return null;
    }

    // a definition in a .c file wins over one in a header, whose copy may be the stub of a config test's #else; the
    // driver core and OF core are the model's own (of_platform_device_create_pdata clears OF_POPULATED of the node it
    // failed to create, not of the init's node), so a walk never enters them
    private (CSourceFile File, CFunction Function)? Resolve(CSourceFile f, string name)
    {
        var found = Find(f, name);
        return found is { } r && CoreCode.Any(p => r.File.RelativePath.StartsWith(p, StringComparison.Ordinal)) ? null : found;
    }

    private static readonly string[] CoreCode = ["drivers/of/", "drivers/base/", "kernel/", "lib/", "mm/"];

    private (CSourceFile File, CFunction Function)? Find(CSourceFile f, string name)
    {
        bool header = f.RelativePath.EndsWith(".h", StringComparison.Ordinal);
        if (!header && f.Functions.TryGetValue(name, out var own)) return (f, own);
        if (LibraryFacts.Find(name) is { } fact && fact.File.EndsWith(".c", StringComparison.Ordinal)
            && _sources.Load(fact.File) is { } lib && lib.Functions.TryGetValue(name, out var libFn))
            return (lib, libFn);
        // a family library beside the init (softrst.c beside clk-rk3399.c)
        if (_sources.Sibling(f, name) is { } sib) return sib;
        if (header && f.Functions.TryGetValue(name, out var inHeader)) return (f, inHeader);
        return _sources.FromHeader(f, name);
    }

    // breadth first, so that what the init itself and its direct helpers register is read before the budget goes to
    // deeper calls (tegra210_clock_init reaches tegra_add_of_provider only after some twenty other helpers)
    private void WalkFunction(CSourceFile root, CFunction rootFn, int rootDepth)
    {
        var queue = new Queue<(CSourceFile File, CFunction Fn, int Depth)>();
        queue.Enqueue((root, rootFn, rootDepth));
        _active.Add(root.RelativePath + ":" + rootFn.Name);
        while (queue.Count > 0)
        {
            var (f, fn, depth) = queue.Dequeue();
            _walked++;
            for (int i = fn.BodyOpen + 1; i < fn.BodyClose; i++)
            {
                if (!f[i].IsIdent || !f.Is(i + 1, "(") || f.Is(i - 1, "->") || f.Is(i - 1, ".")) continue;
                var name = f[i].Text;
                if (ProvidedBy(name) is { } p) { _provides.Add(p); continue; }
                if (name == "of_node_clear_flag")
                {
                    // of_node_clear_flag(np, OF_POPULATED): of_platform_populate will still create the node's device
                    var a = CSyntax.Args(f, i + 1);
                    if (a.Count > 1 && CSyntax.Text(f, a[1].Start, a[1].End) == "OF_POPULATED") _leaves = true;
                    continue;
                }
                if (depth >= ProbeWalker.MaxDepth || _walked + queue.Count > 200) continue;
                if (Resolve(f, name) is { } callee && _active.Add(callee.File.RelativePath + ":" + callee.Function.Name))
                    queue.Enqueue((callee.File, callee.Function, depth + 1));
            }
        }
    }
}
