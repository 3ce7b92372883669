using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Facts.Tests;

/// <summary>One resource a driver's probe path requests, as read from the source (file:line of the call).</summary>
public sealed record ExpectedRequest(PlanResource Kind, PlanLookup Lookup, PlanPolicy Policy, SourceLine At)
{
    /// <summary>The resource name for a by-name lookup (clock-names entry, NAME-supply, ...).</summary>
    public string? Name { get; init; }
    public int? Index { get; init; }
    /// <summary>The kernel API the cited line calls (devm_clk_get, platform_get_irq, ...).</summary>
    public required string Call { get; init; }
    /// <summary>The dev_err_probe / dev_err text that goes with a failure, when the source has one.</summary>
    public string? Message { get; init; }
    /// <summary>Where the name literal is when it is not beside the call (a static name array handed to a bulk get).</summary>
    public SourceLine? NameAt { get; init; }
}

/// <summary>A child device the probe creates.</summary>
public sealed record ExpectedChild(ChildKind Kind, SourceLine At)
{
    public string? Name { get; init; }
    public string? Compatible { get; init; }
    public string? NodeName { get; init; }
    /// <summary>What the cited line holds when neither name nor compatible does (the populate call).</summary>
    public string? Call { get; init; }
}

/// <summary>An explicit -EPROBE_DEFER return or a dev_err_probe text.</summary>
public sealed record ExpectedDefer(string? Text, SourceLine At);

/// <summary>An early OF declare of the driver's source file: the table, what its init registers and whether the node is left to a platform driver.</summary>
public sealed record ExpectedEarly(EarlyTable Table, string Compatible, string Init, SourceLine At)
{
    /// <summary>The declare's first argument (CLK_OF_DECLARE(name, ...)): the kernel's table entry is __of_table_NAME.</summary>
    public string? Declare { get; init; }
    public IReadOnlyList<EarlyProvides> Provides { get; init; } = Array.Empty<EarlyProvides>();
    public bool LeavesNode { get; init; }
    /// <summary>Where the init registers each provided thing / clears OF_POPULATED (file:line), when cited.</summary>
    public IReadOnlyList<SourceLine> ProvidesAt { get; init; } = Array.Empty<SourceLine>();
}

/// <summary>
/// The facts of one real driver, written by reading the Debian 6.1 source (every fact carries its file:line).
/// <see cref="Bus"/> is null for an early-only entry (an early OF declare with no driver struct).
/// </summary>
public sealed record ExpectedDriver
{
    public required string Id { get; init; }
    /// <summary>device_driver.name; null for an early-only entry.</summary>
    public string? Driver { get; init; }
    public SourceLine? StructAt { get; init; }
    /// <summary>The macro use that generates the struct and its registration by token pasting
    /// (<c>IRQCHIP_PLATFORM_DRIVER_END(qcom_pdc)</c> makes qcom_pdc_driver); the struct and initcall lines hold it.</summary>
    public string? GeneratedBy { get; init; }
    public ImportedBus? Bus { get; init; }
    public required BuildStatus Status { get; init; }
    public required string StatusBecause { get; init; }
    /// <summary>The Makefile line that builds the object (obj-$(CONFIG_X) += y.o).</summary>
    public SourceLine? MakefileAt { get; init; }
    /// <summary>The config line(s) that decide it, as in .config (<c>CONFIG_X=y</c>, <c># CONFIG_X is not set</c>).</summary>
    public IReadOnlyList<string> Config { get; init; } = Array.Empty<string>();
    public string? Module { get; init; }
    public InitcallLevel? Initcall { get; init; }
    public SourceLine? InitcallAt { get; init; }
    public string? RegisteredBy { get; init; }
    public bool AsyncProbe { get; init; }
    public bool DriverManagedDma { get; init; }
    /// <summary>platform_driver.prevent_deferred_probe (set by platform_driver_probe / builtin_platform_driver_probe).</summary>
    public bool PreventDeferredProbe { get; init; }
    public IReadOnlyList<string> OfCompatibles { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> BusIds { get; init; } = Array.Empty<string>();
    public string? Probe { get; init; }
    public SourceLine? ProbeAt { get; init; }
    public IReadOnlyList<ExpectedRequest> Requests { get; init; } = Array.Empty<ExpectedRequest>();
    public IReadOnlyList<ExpectedChild> Children { get; init; } = Array.Empty<ExpectedChild>();
    /// <summary>The variant the listed children are for, when the driver picks its cell set by variant (RK808_ID):
    /// compared with the imported cells whose <c>when</c> names it.</summary>
    public string? ChildrenWhen { get; init; }
    public IReadOnlyList<ExpectedDefer> Defers { get; init; } = Array.Empty<ExpectedDefer>();
    public IReadOnlyList<ExpectedEarly> Early { get; init; } = Array.Empty<ExpectedEarly>();
    /// <summary>Where the binary package disagrees with the source reading, and why; null = it agrees.</summary>
    public string? BinaryDisagrees { get; init; }
    public string? Notes { get; init; }

    /// <summary>The driver struct's symbol (after the colon of <see cref="Id"/>).</summary>
    public string Symbol => Id[(Id.LastIndexOf(':') + 1)..];

    /// <summary>The source file of <see cref="Id"/>.</summary>
    public string File => Id[..Id.LastIndexOf(':')];
}
