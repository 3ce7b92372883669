using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Graph;

/// <summary>
/// What a graph node is coloured by: the device states of <see cref="DeviceState"/>, with a node that never became a
/// device split into <see cref="Disabled"/> (its own or an ancestor's <c>status</c> is not okay) and
/// <see cref="NotPresent"/> (any other reason: set up early, left to a parent's driver, not populated).
/// </summary>
public enum GraphState { Bound, Deferred, Failed, NoDriver, Disabled, NotPresent }

/// <summary>Classifies devices into <see cref="GraphState"/> and names the states.</summary>
public static class GraphStates
{
    /// <summary>Every state in legend order.</summary>
    public static IReadOnlyList<GraphState> Order { get; } =
        [GraphState.Bound, GraphState.Deferred, GraphState.Failed, GraphState.NoDriver, GraphState.Disabled, GraphState.NotPresent];

    /// <summary>
    /// The state of one outcome. A not-present node is disabled when its typed reason says the node, or an ancestor, is
    /// not available (<see cref="ProbeSim.Kernel.Of.NoDeviceReason.IsDisabled"/>).
    /// </summary>
    public static GraphState Of(DeviceOutcome device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.State switch
        {
            DeviceState.Bound => GraphState.Bound,
            DeviceState.Deferred => GraphState.Deferred,
            DeviceState.Failed => GraphState.Failed,
            DeviceState.NoDriver => GraphState.NoDriver,
            DeviceState.NotPresent => device.NoDevice?.IsDisabled == true ? GraphState.Disabled : GraphState.NotPresent,
            _ => throw new ArgumentOutOfRangeException(nameof(device), device.State, "unknown device state"),
        };
    }

    /// <summary><c>bound</c>, <c>deferred</c>, <c>failed</c>, <c>no-driver</c>, <c>disabled</c> or <c>not-present</c>.</summary>
    public static string Word(GraphState state) => state switch
    {
        GraphState.Bound => "bound",
        GraphState.Deferred => "deferred",
        GraphState.Failed => "failed",
        GraphState.NoDriver => "no-driver",
        GraphState.Disabled => "disabled",
        GraphState.NotPresent => "not-present",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown graph state"),
    };
}
