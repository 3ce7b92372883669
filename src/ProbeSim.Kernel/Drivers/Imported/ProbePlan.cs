namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>What one step of a driver's probe does.</summary>
public enum PlanStepKind
{
    /// <summary>Requests a resource (clock, reset, regulator, ...).</summary>
    Request,
    /// <summary>An explicit <c>return -EPROBE_DEFER</c> (or dev_err_probe with it) not tied to a request.</summary>
    Defer,
    /// <summary>Creates child devices (of_platform_populate, MFD cells, platform devices, bus clients).</summary>
    Children,
    /// <summary>A step the scanner could not read (a call into code it does not follow); <see cref="PlanStep.Message"/> says why.</summary>
    Unknown,
}

/// <summary>The subsystem a request goes to.</summary>
public enum PlanResource
{
    Clock, Reset, Regulator, PowerDomain, Phy, Interrupt, Gpio, Dma, IoChannel, Syscon, Nvmem, Mailbox, Pwm, Pinctrl,
    /// <summary>A phandle looked up with of_parse_phandle and then a device or driver data behind it (of_find_device_by_node).</summary>
    Phandle,
    Other,
}

/// <summary>How a request names the resource.</summary>
public enum PlanLookup
{
    /// <summary>By index (NULL name = index 0).</summary>
    Index,
    /// <summary>By name (<c>clock-names</c>, <c>reset-names</c>, <c>NAME-supply</c>, <c>NAME-gpios</c>, ...).</summary>
    Name,
    /// <summary>Every entry (devm_clk_bulk_get_all, devm_reset_control_array_get, of_clk_get loop).</summary>
    All,
}

/// <summary>What the probe does when the resource is not there.</summary>
public enum PlanPolicy
{
    /// <summary>Any error fails the probe (and -EPROBE_DEFER defers it).</summary>
    Required,
    /// <summary>A missing resource is fine and errors are ignored (the value is not checked).</summary>
    Optional,
    /// <summary>*_optional getters: -ENOENT/-ENODEV mean "none", but -EPROBE_DEFER still propagates.</summary>
    OptionalDeferPropagates,
    /// <summary>The binding names the resource but the probe never requests it (parent-name clocks of clock controllers).</summary>
    NotRequested,
}

/// <summary>How a driver creates its children.</summary>
public enum ChildKind
{
    /// <summary>of_platform_populate / devm_of_platform_populate on its own node (<see cref="PlanStep.Name"/>: the match table, null = default).</summary>
    OfPopulate,
    /// <summary>An MFD cell (mfd_add_devices): Name = cell name, Compatible = of_compatible, NodeName = of the DT subnode it binds to, when matched by name.</summary>
    MfdCell,
    /// <summary>platform_device_register_* / platform_device_alloc with a fixed name.</summary>
    PlatformDevice,
    /// <summary>auxiliary_device_add.</summary>
    AuxiliaryDevice,
    /// <summary>A bus controller that creates its bus's clients from DT subnodes (Name: i2c, spi, sunxi-rsb, spmi, mdio, ...).</summary>
    BusClients,
}

/// <summary>Who says a plan step's text, and how the kernel treats it.</summary>
public enum PlanMessageKind
{
    /// <summary>dev_err_probe(dev, err, fmt): logged unless err is -EPROBE_DEFER, which records it as the deferral reason.</summary>
    DevErrProbe,
    /// <summary>dev_err / pr_err / netdev_err: printed at KERN_ERR, whatever the error; no deferral reason.</summary>
    Error,
    /// <summary>dev_warn / pr_warn.</summary>
    Warning,
    /// <summary>dev_info / dev_notice / pr_info / pr_notice.</summary>
    Info,
    /// <summary>dev_dbg / pr_debug.</summary>
    Debug,
    /// <summary>The importer's own words, never printed by the kernel (why a step is unknown, what a library call does).</summary>
    Note,
}

/// <summary>A plan step's text (a driver's format string as written, or the importer's note) and its kind.</summary>
public sealed record PlanMessage(PlanMessageKind Kind, string Text)
{
    public static PlanMessage Note(string text) => new(PlanMessageKind.Note, text);
}

/// <summary>One step of a probe plan, in source order. Fields that do not apply to the step's kind are null.</summary>
public sealed record PlanStep
{
    public required PlanStepKind Kind { get; init; }
    public PlanResource? Resource { get; init; }
    public PlanLookup? Lookup { get; init; }
    /// <summary>The resource name (Lookup Name), the child name (Children), or null.</summary>
    public string? Name { get; init; }
    /// <summary>The index (Lookup Index).</summary>
    public int? Index { get; init; }
    public PlanPolicy? Policy { get; init; }
    /// <summary>The text that goes with a failure of this step, and who says it: the driver (dev_err_probe, the
    /// only text the kernel records as a deferral reason; or a dev_err/dev_warn/pr_* line it prints) or the
    /// importer (a note: why a step is unknown, what a library call does).</summary>
    public PlanMessage? Message { get; init; }
    public ChildKind? Child { get; init; }
    /// <summary>For an MFD cell: its of_compatible.</summary>
    public string? Compatible { get; init; }
    /// <summary>For an MFD cell matched to a DT subnode by name (mfd_cell.of_compatible absent, parent's driver looks the node up by name), or the subnode a populate is limited to.</summary>
    public string? NodeName { get; init; }
    /// <summary>The function the step is in (the probe or a static helper it calls).</summary>
    public string? Function { get; init; }
    /// <summary>For an MFD cell of one of several cell sets: the <c>case</c> labels (comma list, or <c>default</c>) of the switch on the variant that picks its set;
    /// for a request, <see cref="WhenHardware"/>: made only when a value read from the device's registers says so; null = always (format 2).</summary>
    public string? When { get; init; }

    /// <summary>The <see cref="When"/> of a request made only when a register read says so.</summary>
    public const string WhenHardware = "hardware";

    /// <summary>The <see cref="When"/> of a request made only when the request before it failed (<c>x = a(); if (IS_ERR(x)) x = b();</c>).</summary>
    public const string WhenFallback = "fallback";
    public required SourceLine Source { get; init; }
}

/// <summary>
/// What a driver's probe asks for and creates, in order. <see cref="Complete"/> means every call the probe path makes
/// was followed; an incomplete plan still holds every step found, and its <see cref="PlanStepKind.Unknown"/> steps say
/// what is missing.
/// </summary>
public sealed record ProbePlan(string DriverId, IReadOnlyList<PlanStep> Steps, bool Complete);
