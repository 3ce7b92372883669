using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Invariants;

using Kernel = ProbeSim.Kernel.Boot.Kernel;

/// <summary>How bad a broken invariant is: an error is a kernel (or model) bug; a warning is a board or configuration problem.</summary>
public enum Severity { Error, Warning }

/// <summary>One broken invariant: which, on which device, and what it found (words: ProbeSim.Reports).</summary>
public sealed record Violation(string Invariant, Severity Severity, string Device, Finding Finding);

/// <summary>
/// A property every boot should have. <see cref="Check"/> reads the state of a kernel that has booted; an invariant
/// that compares schedules (order-dependence) has no per-boot check and is evaluated by the explorer.
/// </summary>
public sealed record Invariant(string Name, string Description, string SpecRule, Severity Severity,
    Func<Kernel, IEnumerable<(string Device, Finding Finding)>>? Check)
{
    public bool AcrossSchedules => Check is null;

    public IEnumerable<Violation> Evaluate(Kernel kernel) =>
        Check is null ? Enumerable.Empty<Violation>() : Check(kernel).Select(v => new Violation(Name, Severity, v.Device, v.Finding));
}
