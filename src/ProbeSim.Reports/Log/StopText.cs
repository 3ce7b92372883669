using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Log;

/// <summary>The line that says a boot was stopped early (--until) and which moment its state is.</summary>
public static class StopText
{
    /// <summary>Null when the boot ran to its end.</summary>
    public static string? Describe(BootResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StoppedAtUs is not { } at) return null;
        return $"state at uptime {SimTime.Seconds(at)} s ({SimTime.Seconds(at - result.LateInitcallUs)} s after late_initcall): nothing later is simulated";
    }
}
