using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Plans;

/// <summary>
/// Walks one probe function in source order and records its plan: getters (with policy from the error handling that
/// follows them), explicit deferrals, children, and the calls it could not follow. Functions defined in the same file
/// are followed (depth-limited, cycles cut); the family libraries of <see cref="LibraryFacts"/> are modelled.
/// </summary>
internal sealed class ProbeWalker
{
    public const int MaxDepth = 8;
    private const int Budget = 300;

    private readonly SourceSet _sources;
    private readonly List<PlanStep> _steps = new();
    private readonly Dictionary<int, bool> _optionalGetter = new();
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private bool _complete = true;
    private bool _clientIrq;
    private int _walked;

    public ProbeWalker(SourceSet sources) => _sources = sources;

    public (List<PlanStep> Steps, bool Complete) Walk(CSourceFile f, CFunction fn)
    {
        _rootFile = f;
        var pending = WalkFunction(f, fn, 0, Bindings.Empty);
        // a probe that returns a getter's result: the driver core sees the error as is
        foreach (var idx in pending) Resolve(idx, new HandlingResult(Handling.Exit, null, -1, -1));
        // a step reached twice (both branches call the same helper) is one step
        var seen = new HashSet<PlanStep>();
        return (_steps.Where(seen.Add).ToList(), _complete);
    }

    private CSourceFile? _rootFile;
    private readonly Dictionary<(CSourceFile, string), List<(CSourceFile, CFunction)>> _ops = new();

    // .field = fn initializers of a file where fn is defined in that file
    private List<(CSourceFile, CFunction)> OpsTargets(CSourceFile f, string field)
    {
        if (!_ops.TryGetValue((f, field), out var list))
        {
            list = new List<(CSourceFile, CFunction)>();
            for (int i = 0; i + 3 < f.Count; i++)
                if (f.Is(i, ".") && f.Is(i + 1, field) && f.Is(i + 2, "=") && f[i + 3].IsIdent && (f.Is(i + 4, ",") || f.Is(i + 4, "}"))
                    && f.Functions.TryGetValue(f[i + 3].Text, out var target) && !list.Exists(x => x.Item2 == target))
                    list.Add((f, target));
            _ops[(f, field)] = list;
        }
        return new List<(CSourceFile, CFunction)>(list);
    }

    private List<int> WalkFunction(CSourceFile f, CFunction fn, int depth, Bindings bindings)
    {
        var pending = new List<int>();
        var key = f.RelativePath + ":" + fn.Name;
        _active.Add(key);
        _walked++;
        var devNames = DeviceNames.Of(f, fn);
        var clients = ClientIrq.Names(f, fn);
        var consumed = new List<(int From, int To)>();
        int floor = fn.BodyOpen + 1, ceil = fn.BodyClose;
        bool InConsumed(int i) => consumed.Exists(c => i >= c.From && i <= c.To);
        SourceLine At(int i) => new(f.RelativePath, f[i].Line);

        for (int i = floor; i < ceil; i++)
        {
            var t = f[i];
            if (t.Is("return") && f.Is(i + 1, "-") && f.Is(i + 2, "EPROBE_DEFER"))
            {
                // probe returns -EPROBE_DEFER: really_probe puts the device on the deferred list
                if (!InConsumed(i))
                    Add(new PlanStep { Kind = PlanStepKind.Defer, Message = EnclosingMessage(f, i, floor), Function = fn.Name, Source = At(i) });
                continue;
            }
            if (clients.Count > 0 && !_clientIrq && ClientIrq.IsRead(f, i, clients))
            {
                // i2c_device_probe / spi_probe / the AMBA bus set the client's irq: the first read is the driver's request
                _clientIrq = true;
                var (lookup, index, policy) = ClientIrq.Request(f, i, floor, ceil);
                Add(new PlanStep { Kind = PlanStepKind.Request, Resource = PlanResource.Interrupt, Lookup = lookup, Index = index, Policy = policy, Function = fn.Name, Source = At(i) });
                continue;
            }
            if (!t.IsIdent || !f.Is(i + 1, "(") || f.Match(i + 1) < 0) continue;
            var name = t.Text;
            if (CSourceFile.IsKeyword(name)) continue;
            if (f.Is(i - 1, "->") || f.Is(i - 1, "."))
            {
                // ops->field(...): the functions the driver's own file puts in a .field initializer (one per variant)
                if (InertCalls.IsTeardown(name)) continue;
                var targets = OpsTargets(_rootFile!, name);
                if (f != _rootFile) targets.AddRange(OpsTargets(f, name));
                foreach (var (tf, target) in targets) Follow(f, fn, i, tf, target, depth, floor, ceil, pending, consumed, bindings);
                // a field no file of the family ever sets (mtk's clk_notifier_func in 6.1) is never called
                if (targets.Count == 0 && !_sources.FieldAssignedInDirectory(f, name) && !_sources.FieldAssignedInDirectory(_rootFile!, name)) continue;
                if (targets.Count == 0 && DeviceNames.Mentioned(f, i + 1, devNames))
                    Unknown(f, fn, i, PointerCallee(f, i), "a call through a function pointer with the device: not followed");
                continue;
            }
            if (CSyntax.IsMacroName(name)) continue;

            var getter = Getters.Find(name);
            // of_find_device_by_node(x) is a request only for x = of_parse_phandle(np, "prop", i): the device behind prop
            if (getter is { NeedsPhandleProperty: true } && !(CSyntax.Args(f, i + 1) is { Count: > 0 } pa && PhandleProperty(f, fn, pa[0]) is not null))
                getter = null;
            if (getter is not null)
            {
                var h = ErrorHandling.Analyze(f, i, floor, ceil);
                if (h.ConsumedFrom >= 0) consumed.Add((h.ConsumedFrom, h.ConsumedTo));
                int idx = AddRequest(f, fn, i, getter, h, bindings);
                // in a helper, a failure (or a returned result) is the helper's return value: its caller decides
                if (!getter.Swallows && (h.Kind == Handling.Returned || (depth > 0 && h.Kind is Handling.Exit or Handling.DeferOnly)))
                    pending.Add(idx);
                continue;
            }
            if (name == "dev_err_probe")
            {
                var a = CSyntax.Args(f, i + 1);
                if (a.Count > 2 && CSyntax.Text(f, a[1].Start, a[1].End) == "-EPROBE_DEFER" && !InConsumed(i))
                {
                    // dev_err_probe: records the text as the deferral reason (device_set_deferred_probe_reason)
                    Add(new PlanStep { Kind = PlanStepKind.Defer, Message = CSyntax.StringLiteral(f, a[2].Start, a[2].End) is { } text ? new PlanMessage(PlanMessageKind.DevErrProbe, text) : null, Function = fn.Name, Source = At(i) });
                    consumed.Add((i, CSyntax.StatementEnd(f, i, ceil)));
                }
                continue;
            }
            var fact = LibraryFacts.Find(name);
            if (fact is not null && fact.Action != LibraryAction.Follow && !(fact.Action == LibraryAction.BusClients && f.Functions.ContainsKey(name) && fact.File != f.RelativePath))
            {
                ApplyFact(f, fn, i, fact, devNames, floor, ceil);
                continue;
            }
            if (f.Functions.TryGetValue(name, out var callee))
            {
                Follow(f, fn, i, f, callee, depth, floor, ceil, pending, consumed, bindings);
                continue;
            }
            if (fact is { Action: LibraryAction.Follow } && _sources.Load(fact.File) is { } other && other.Functions.TryGetValue(name, out var libFn))
            {
                Follow(f, fn, i, other, libFn, depth, floor, ceil, pending, consumed, bindings);
                continue;
            }
            if (_sources.FromHeaderMacro(f, name) is { } expanded)
            {
                // a call macro of the driver's own header: the function it expands to is walked
                Follow(f, fn, i, expanded.File, expanded.Function, depth, floor, ceil, pending, consumed, bindings);
                continue;
            }
            if (InertCalls.IsInert(name)) continue;
            if (_sources.Sibling(f, name) is { } sib)
            {
                // a family library beside the driver (clk-mtk.c, pinctrl-msm.c, ...): walked like a helper
                Follow(f, fn, i, sib.File, sib.Function, depth, floor, ceil, pending, consumed, bindings);
                continue;
            }
            if (_sources.FromHeader(f, name) is { } inline)
            {
                // a static inline wrapper in the driver's own header
                Follow(f, fn, i, inline.File, inline.Function, depth, floor, ceil, pending, consumed, bindings);
                continue;
            }
            if (DeviceNames.Mentioned(f, i + 1, devNames))
                Unknown(f, fn, i, name, $"{name} is not defined in {f.RelativePath} and not modelled: not followed");
        }
        _active.Remove(key);
        return pending;
    }

    private void Follow(CSourceFile f, CFunction fn, int i, CSourceFile calleeFile, CFunction callee, int depth, int floor, int ceil,
        List<int> pending, List<(int From, int To)> consumed, Bindings bindings)
    {
        if (_active.Contains(calleeFile.RelativePath + ":" + callee.Name)) return; // a cycle: already being walked
        if (depth + 1 > MaxDepth || _walked >= Budget)
        {
            Unknown(f, fn, i, callee.Name, depth + 1 > MaxDepth ? $"call depth over {MaxDepth}: not followed" : $"more than {Budget} function walks: not followed");
            return;
        }
        int first = _steps.Count;
        var sub = WalkFunction(calleeFile, callee, depth + 1, Bindings.Of(f, i, calleeFile, callee, bindings));
        // a helper called only when a register read says so (geni I2C's setup_gpi_dma in GPI mode)
        if (HardwareGuard.Guards(f, fn, i))
            for (int k = first; k < _steps.Count; k++)
                if (_steps[k].Kind == PlanStepKind.Request) _steps[k] = _steps[k] with { When = PlanStep.WhenHardware };
        if (sub.Count == 0) return;
        var h = ErrorHandling.Analyze(f, i, floor, ceil);
        if (h.ConsumedFrom >= 0) consumed.Add((h.ConsumedFrom, h.ConsumedTo));
        if (h.Kind == Handling.Returned) { pending.AddRange(sub); return; }
        foreach (var idx in sub) Resolve(idx, h);
        // in a helper, leaving on the callee's failure hands it to the helper's own caller (a void helper's caller sees
        // nothing: dw_mci_init_dma's "goto no_dma" falls back to PIO, drivers/mmc/host/dw_mmc.c:3159)
        if (depth > 0 && h.Kind is Handling.Exit or Handling.DeferOnly) pending.AddRange(sub);
    }

    // the caller's handling of a helper's failure: failing too keeps the helper's policy; ignoring it makes it optional
    private void Resolve(int idx, HandlingResult h)
    {
        var s = _steps[idx];
        var inner = s.Policy ?? PlanPolicy.Required;
        var policy = h.Kind switch
        {
            Handling.Exit or Handling.Returned => inner,
            Handling.DeferOnly => inner == PlanPolicy.Required ? PlanPolicy.OptionalDeferPropagates : inner,
            _ => PlanPolicy.Optional,
        };
        _steps[idx] = s with { Policy = policy, Message = s.Message ?? h.Message };
    }

    /// <summary>The policy a getter's result handling gives (see PlanPolicy).</summary>
    internal static PlanPolicy PolicyOf(Handling h, bool optionalGetter) => h switch
    {
        Handling.Exit => optionalGetter ? PlanPolicy.OptionalDeferPropagates : PlanPolicy.Required,
        Handling.DeferOnly => PlanPolicy.OptionalDeferPropagates,
        Handling.Returned => optionalGetter ? PlanPolicy.OptionalDeferPropagates : PlanPolicy.Required,
        _ => PlanPolicy.Optional,
    };

    private int AddRequest(CSourceFile f, CFunction fn, int i, Getter g, HandlingResult h, Bindings bindings)
    {
        var args = CSyntax.Args(f, i + 1);
        // a name or index passed in by the caller (imx_obtain_fixed_clk_hw(np, "osc_25m"))
        string? BoundString((int Start, int End) a) => CSyntax.StringLiteral(f, a.Start, a.End) ?? bindings.String(f, a) ?? FormattedName(f, fn, i, a);
        int? BoundInt((int Start, int End) a) => CSyntax.IntLiteral(f, a) ?? bindings.Int(f, a);
        PlanLookup lookup;
        string? name = null;
        int? index = null;
        switch (g.Lookup)
        {
            case GetterLookup.All: lookup = PlanLookup.All; break;
            case GetterLookup.Bulk:
                lookup = PlanLookup.Name;
                if (g.Resource is PlanResource.Syscon or PlanResource.Phandle && args.Count > 0) name = PhandleProperty(f, fn, args[0]);
                break;
            case GetterLookup.Fixed: lookup = PlanLookup.Name; name = g.FixedName; break;
            case GetterLookup.IndexArg:
                lookup = PlanLookup.Index;
                index = args.Count > g.Arg ? BoundInt(args[g.Arg]) : null;
                // platform_get_irq(pdev, i) in a for loop over i: every entry
                if (args.Count > g.Arg && CSyntax.LoopVariables(f, i, fn.BodyOpen).Overlaps(CSyntax.Identifiers(f, args[g.Arg].Start, args[g.Arg].End)))
                {
                    lookup = PlanLookup.All;
                    index = null;
                }
                break;
            default:
                if (args.Count > g.Arg && CSyntax.IsNull(f, args[g.Arg])) { lookup = PlanLookup.Index; index = 0; }
                else
                {
                    lookup = PlanLookup.Name;
                    name = args.Count > g.Arg ? BoundString(args[g.Arg]) : null;
                }
                break;
        }
        bool optional = g.Optional || (g.OptionalArg >= 0 && args.Count > g.OptionalArg && f.Is(args[g.OptionalArg].Start, "true"))
            || PresenceGuard.Guards(f, fn, i);
        int idx = Add(new PlanStep
        {
            Kind = PlanStepKind.Request, Resource = g.Resource, Lookup = lookup, Name = name, Index = index,
            Policy = g.Swallows ? PlanPolicy.Optional : PolicyOf(h.Kind, optional), Message = h.Message, Function = fn.Name,
            When = HardwareGuard.Guards(f, fn, i) ? PlanStep.WhenHardware : Fallback.Of(f, fn, i) ? PlanStep.WhenFallback : null,
            Source = new SourceLine(f.RelativePath, f[i].Line),
        });
        _optionalGetter[idx] = optional;
        return idx;
    }

    private void ApplyFact(CSourceFile f, CFunction fn, int i, LibraryFact fact, HashSet<string> devNames, int floor, int ceil)
    {
        var at = new SourceLine(f.RelativePath, f[i].Line);
        var args = CSyntax.Args(f, i + 1);
        switch (fact.Action)
        {
            case LibraryAction.ParentClocksByName:
                if (_steps.Exists(s => s.Resource == PlanResource.Clock && s.Policy == PlanPolicy.NotRequested)) return;
                Add(new PlanStep
                {
                    Kind = PlanStepKind.Request, Resource = PlanResource.Clock, Lookup = PlanLookup.All, Policy = PlanPolicy.NotRequested,
                    Message = PlanMessage.Note($"{fact.Function} ({fact.Source}) names parent clocks, never gets them"), Function = fn.Name, Source = at,
                });
                return;
            case LibraryAction.Populate:
            {
                string? table = null;
                if (fact.Arg >= 0 && args.Count > fact.Arg && !CSyntax.IsNull(f, args[fact.Arg]))
                {
                    var a = args[fact.Arg];
                    table = CSyntax.Text(f, f.Is(a.Start, "&") ? a.Start + 1 : a.Start, a.End);
                }
                string? node = args.Count > 0 && fact.Function == "of_platform_populate" ? ChildNodeName(f, fn, args[0], devNames) : null;
                // the driver's text for a failed populate (dev_err_probe(dev, ret, "failed to register gpio device"))
                var message = ErrorHandling.Analyze(f, i, floor, ceil).Message;
                Add(new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.OfPopulate, Name = table, NodeName = node, Message = message, Function = fn.Name, Source = at });
                return;
            }
            case LibraryAction.MfdCells:
                AddMfdCells(f, fn, i, args.Count > fact.Arg ? args[fact.Arg] : (i, i));
                return;
            case LibraryAction.BusClients:
                Add(new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.BusClients, Name = fact.Detail, Function = fn.Name, Source = at });
                return;
            case LibraryAction.PlatformDevice:
            {
                string? name = fact.Arg >= 0 && args.Count > fact.Arg ? CSyntax.StringLiteral(f, args[fact.Arg].Start, args[fact.Arg].End) : FieldLiteral(f, fn, i, "name");
                Add(new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.PlatformDevice, Name = name, Function = fn.Name, Source = at });
                return;
            }
            case LibraryAction.AuxiliaryDevice:
                Add(new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.AuxiliaryDevice, Name = FieldLiteral(f, fn, i, "name"), Function = fn.Name, Source = at });
                return;
        }
    }

    // a name built before the call by snprintf(name, size, "usb%d_vbus", i) / sprintf / name = devm_kasprintf(dev, gfp,
    // "clkin%d", i): the format, which the boot matches against the names the node gives (drivers/phy/allwinner/phy-sun4i-usb.c:807)
    private static string? FormattedName(CSourceFile f, CFunction fn, int call, (int Start, int End) arg)
    {
        if (arg.End - arg.Start != 1 || !f[arg.Start].IsIdent) return null;
        var v = f[arg.Start].Text;
        for (int j = call - 1; j > fn.BodyOpen; j--)
        {
            if (f.Is(j, "(") && f[j - 1].Text is "snprintf" or "sprintf" or "scnprintf")
            {
                var a = CSyntax.Args(f, j);
                int fmt = f[j - 1].Text == "sprintf" ? 1 : 2;
                if (a.Count > fmt && a[0].End - a[0].Start == 1 && f.Is(a[0].Start, v)) return ProbeSim.Kernel.Drivers.Imported.NamePattern.FromFormat(CSyntax.StringLiteral(f, a[fmt].Start, a[fmt].End));
            }
            if (f.Is(j, v) && f.Is(j + 1, "=") && f.Is(j + 2, "devm_kasprintf") && f.Is(j + 3, "("))
            {
                var a = CSyntax.Args(f, j + 3);
                if (a.Count > 2) return ProbeSim.Kernel.Drivers.Imported.NamePattern.FromFormat(CSyntax.StringLiteral(f, a[2].Start, a[2].End));
            }
        }
        return null;
    }

    // syscon_node_to_regmap(x) where x = of_parse_phandle(np, "prop", i): the syscon is named by that property
    private static string? PhandleProperty(CSourceFile f, CFunction fn, (int Start, int End) arg)
    {
        if (arg.End - arg.Start != 1 || !f[arg.Start].IsIdent) return null;
        var v = f[arg.Start].Text;
        // the nearest assignment before the call (node = of_parse_phandle(np, "rockchip,grf", 0); ... node = ..."rockchip,pmu")
        for (int i = arg.Start - 4; i > fn.BodyOpen; i--)
            if (f.Is(i, v) && f.Is(i + 1, "=") && f.Is(i + 2, "of_parse_phandle") && f.Is(i + 3, "("))
            {
                var a = CSyntax.Args(f, i + 3);
                if (a.Count > 1) return CSyntax.StringLiteral(f, a[1].Start, a[1].End);
            }
        return null;
    }

    // of_platform_populate(child, ...) where child = of_get_child_by_name(np, "name"): the populate is limited to that subnode
    private static string? ChildNodeName(CSourceFile f, CFunction fn, (int Start, int End) root, HashSet<string> devNames)
    {
        if (root.End - root.Start != 1 || !f[root.Start].IsIdent) return null;
        var v = f[root.Start].Text;
        for (int i = fn.BodyOpen; i + 3 < fn.BodyClose; i++)
            if (f.Is(i, v) && f.Is(i + 1, "=") && f.Is(i + 2, "of_get_child_by_name") && f.Is(i + 3, "("))
            {
                var a = CSyntax.Args(f, i + 3);
                if (a.Count > 1) return CSyntax.StringLiteral(f, a[1].Start, a[1].End);
            }
        return null;
    }

    // the nearest .name = "x" / ->name = "x" before the call (platform_device_info, auxiliary_device)
    private static string? FieldLiteral(CSourceFile f, CFunction fn, int call, string field)
    {
        for (int i = call - 1; i > fn.BodyOpen; i--)
            if ((f.Is(i, ".") || f.Is(i, "->")) && f.Is(i + 1, field) && f.Is(i + 2, "="))
            {
                int end = CSyntax.StatementEnd(f, i + 3, fn.BodyClose);
                int comma = i + 3;
                while (comma < end && !f.Is(comma, ",") && !f.Is(comma, "}")) comma++;
                var s = CSyntax.StringLiteral(f, i + 3, comma);
                if (s is not null) return s;
            }
        return null;
    }

    private void AddMfdCells(CSourceFile f, CFunction fn, int i, (int Start, int End) arg)
    {
        var arrays = MfdCells.Arrays(f);
        string? ident = null, member = null;
        for (int k = arg.Start; k < arg.End; k++)
            if (f[k].IsIdent) { ident ??= f[k].Text; if (!f.Is(k - 1, "[")) member = f[k].Text; }
        var chosen = new List<(string Array, string? When, int Line)>();
        if (ident is not null && arrays.ContainsKey(ident)) chosen.Add((ident, null, f[i].Line));
        else if (member is not null)
        {
            // cells = xs; / chip->cells = xs; / .cells = xs, anywhere in the file (a switch on the variant, match data)
            for (int k = 1; k + 3 < f.Count; k++)
                if (f.Is(k, member) && f.Is(k + 1, "=") && f[k + 2].IsIdent && arrays.ContainsKey(f[k + 2].Text)
                    && (f.Is(k + 3, ";") || f.Is(k + 3, ",") || f.Is(k + 3, "}")) && !chosen.Exists(c => c.Array == f[k + 2].Text))
                    chosen.Add((f[k + 2].Text, EnclosingBody(f, k) is int open ? CaseLabel(f, k, open) : null, f[k].Line));
        }
        if (chosen.Count == 0)
        {
            Unknown(f, fn, i, "mfd_cell", $"the cell array passed to {f[i].Text} ({CSyntax.Text(f, arg.Start, arg.End)}) is not a static array of this file");
            return;
        }
        foreach (var (array, when, line) in chosen)
            foreach (var cell in MfdCells.Read(f, arrays[array]))
                Add(new PlanStep
                {
                    Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = cell.Name, Compatible = cell.Compatible,
                    Message = PlanMessage.Note(chosen.Count == 1 ? $"cells {array}"
                        : when is not null ? $"cells {array}, used when {when} ({f.RelativePath}:{line})"
                        : $"cells {array}, one of {chosen.Count} sets ({f.RelativePath}:{line})"),
                    Function = fn.Name, Source = new SourceLine(f.RelativePath, cell.Line),
                    When = chosen.Count > 1 ? when : null,
                });
    }

    // the body (its opening brace) of the function of the file that holds token k: a cell set may be picked in a helper
    // (axp20x_match_device picks axp20x->cells for axp20x_device_probe)
    private static int? EnclosingBody(CSourceFile f, int k)
    {
        foreach (var fn in f.Functions.Values)
            if (k > fn.BodyOpen && k < fn.BodyClose) return fn.BodyOpen;
        return null;
    }

    // the case labels above token k (a group "case A: case B:" gives "A,B"), or "default"
    private static string? CaseLabel(CSourceFile f, int k, int floor)
    {
        for (int j = k - 1; j > floor; j--)
        {
            if (f.Is(j, "case") && f[j + 1].IsIdent)
            {
                var labels = new List<string> { f[j + 1].Text };
                for (int g = j; g - 3 > floor && f.Is(g - 1, ":") && f.Is(g - 3, "case") && f[g - 2].IsIdent; g -= 3) labels.Insert(0, f[g - 2].Text);
                return string.Join(",", labels);
            }
            if (f.Is(j, "default") && f.Is(j + 1, ":")) return "default";
            if (f.Is(j, "}") && f.Match(j) >= 0) j = f.Match(j);
        }
        return null;
    }

    private static string PointerCallee(CSourceFile f, int i)
    {
        int s = i;
        while (s - 2 >= 0 && (f.Is(s - 1, "->") || f.Is(s - 1, ".")) && f[s - 2].IsIdent) s -= 2;
        return CSyntax.Text(f, s, i + 1);
    }

    private static PlanMessage? EnclosingMessage(CSourceFile f, int i, int floor)
    {
        for (int j = i - 1; j >= floor; j--)
        {
            if (f.Is(j, "}") && f.Match(j) >= 0) { j = f.Match(j); continue; }
            if (f.Is(j, "{")) return j == floor - 1 ? null : Messages.First(f, j, i);
        }
        return null;
    }

    private void Unknown(CSourceFile f, CFunction fn, int i, string callee, string reason)
    {
        _complete = false;
        Add(new PlanStep { Kind = PlanStepKind.Unknown, Name = callee, Message = PlanMessage.Note(reason), Function = fn.Name, Source = new SourceLine(f.RelativePath, f[i].Line) });
    }

    private int Add(PlanStep s)
    {
        _steps.Add(s);
        return _steps.Count - 1;
    }
}
