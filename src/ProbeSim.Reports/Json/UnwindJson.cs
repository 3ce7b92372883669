using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Reports.Json;

/// <summary>The <c>unwinds</c> array: each failed really_probe's unwind steps in the profile's order, what devres released and leaked.</summary>
public static class UnwindJson
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ProbeUnwind> unwinds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(unwinds);
        writer.WriteStartArray("unwinds");
        foreach (var u in unwinds)
        {
            writer.WriteStartObject();
            JsonOutput.WriteSeconds(writer, "time", u.TimeUs);
            writer.WriteString("device", u.Device);
            writer.WriteString("driver", u.Driver);
            JsonOutput.WriteStrings(writer, "steps", u.Steps.Select(StepName));
            JsonOutput.WriteStrings(writer, "released", u.Released);
            writer.WriteStartArray("leaks");
            foreach (var l in u.Leaks)
            {
                writer.WriteStartObject();
                writer.WriteString("resource", l.Resource);
                writer.WriteString("allocatedWith", ProbeSim.Kernel.Result.KernelNames.DmaOps(l.AllocatedWith) ?? "none");
                writer.WriteString("freedWith", ProbeSim.Kernel.Result.KernelNames.DmaOps(l.FreedWith) ?? "none");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The kernel's name for an unwind step.</summary>
    public static string StepName(UnwindStep step) => step switch
    {
        UnwindStep.DmaDeconfigure => "arch_teardown_dma_ops",
        UnwindStep.DriverNotBound => "BUS_NOTIFY_DRIVER_NOT_BOUND",
        UnwindStep.DmaCleanup => "dma_cleanup",
        _ => "devres_release_all",
    };
}
