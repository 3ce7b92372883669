using ProbeSim.Kernel.Result;

namespace ProbeSim.Checking.Invariants;

/// <summary>How bad a broken invariant is: an error is a kernel (or model) bug; a warning is a board or configuration problem.</summary>
public enum Severity { Error, Warning }

/// <summary>One broken invariant: which, on which device, and what it found (words: ProbeSim.Reports).</summary>
public sealed record Violation(string Invariant, Severity Severity, string Device, Finding Finding);

/// <summary>
/// A property every boot should have. <see cref="Check"/> reads the published state of a kernel that has booted
/// (<see cref="BootState"/>); an invariant
/// that compares schedules (order-dependence) has no per-boot check and is evaluated by the explorer.
/// </summary>
public sealed record Invariant(string Name, string Description, string SpecRule, Severity Severity,
    Func<BootState, IEnumerable<(string Device, Finding Finding)>>? Check)
{
    public bool AcrossSchedules => Check is null;

    public IEnumerable<Violation> Evaluate(BootState state) =>
        Check is null ? Enumerable.Empty<Violation>() : Check(state).Select(v => new Violation(Name, Severity, v.Device, v.Finding));

    /// <summary>As <see cref="Evaluate(BootState)"/>, on the state of a kernel that has stopped running.</summary>
    public IEnumerable<Violation> Evaluate(ProbeSim.Kernel.Boot.Kernel kernel) => Evaluate(kernel.Publish());
}
