using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.CorpusDiff;

/// <summary>One field that differs: its value on side a (before) and side b (after); null where the value is absent.</summary>
public sealed record FieldDelta(string Field, string? Before, string? After);

/// <summary>A device whose outcome differs between the sides, before causes are known.</summary>
/// <param name="Device">The name the report uses: the device name (side b's when both sides made a device), or the DT
/// path for a node that became a device on neither side.</param>
/// <param name="A">Its outcome on side a, or null when absent there.</param>
/// <param name="B">Likewise on side b.</param>
public sealed record DeviceDelta(string Device, DeviceOutcome? A, DeviceOutcome? B, IReadOnlyList<FieldDelta> Fields);
