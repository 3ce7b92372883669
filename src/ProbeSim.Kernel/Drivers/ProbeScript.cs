namespace ProbeSim.Kernel.Drivers;

/// <summary>What a scripted probe returns at one attempt.</summary>
public enum ProbeStepKind { Succeed, Fail, Defer }

/// <summary>One step of a probe script: succeed, fail with an errno, or defer (Count attempts).</summary>
public sealed record ProbeStep(ProbeStepKind Kind, int Errno = 0, int Count = 1, string? Reason = null);

/// <summary>
/// A driver's probe behaviour. Steps are consumed attempt by attempt (a Defer step with Count n covers n attempts);
/// after the last step the last step repeats. Resources: whether the generic resource requests run before the steps.
/// </summary>
public sealed record ProbeScript
{
    public IReadOnlyList<ProbeStep> Steps { get; init; } = new[] { new ProbeStep(ProbeStepKind.Succeed) };
    public bool RequestResources { get; init; } = true;
}
