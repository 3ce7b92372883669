namespace ProbeSim.Kernel.Of;

/// <summary>What a kernel version's of_platform_default_populate_init does (behaviour switches of a profile).</summary>
public sealed record OfPopulateOptions
{
    /// <summary>/reserved-memory children with these compatibles become platform devices.</summary>
    public IReadOnlyList<string> ReservedMemoryDevices { get; init; } = new[] { "qcom,rmtfs-mem", "qcom,cmd-db", "ramoops" };

    /// <summary>The <c>simple-framebuffer</c> child of /chosen becomes a platform device (newer kernels).</summary>
    public bool ChosenFramebuffer { get; init; }

    /// <summary>CONFIG_ARM_AMBA: <c>arm,primecell</c> nodes become AMBA devices (without it, nothing is made for them).</summary>
    public bool Amba { get; init; } = true;

    // of_default_bus_match_table
    public IReadOnlyList<string> BusCompatibles { get; init; } = new[] { "simple-bus", "simple-mfd", "isa", "arm,amba-bus" };

    // of_skipped_node_table
    public IReadOnlyList<string> SkippedCompatibles { get; init; } = new[] { "operating-points-v2" };
}
