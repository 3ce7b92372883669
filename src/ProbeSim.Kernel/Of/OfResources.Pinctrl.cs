using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

public static partial class OfResources
{
    /// <summary>
    /// The pinctrl states of <paramref name="node"/>: <c>pinctrl-0</c>, <c>pinctrl-1</c>, ... up to the first missing number.
    /// Each referenced phandle is a pin configuration node (no argument cells). Handled by the driver core
    /// (pinctrl_bind_pins), not by the driver, hence separate from <see cref="Collect"/>.
    /// </summary>
    // pinctrl_dt_to_map: states in number order; an unknown phandle fails everything ("prop pinctrl-N index M invalid phandle")
    public static IReadOnlyList<OfPinctrlState> PinctrlStates(DtNode node, DeviceTreeIndex? index = null)
    {
        index ??= OfLookup.IndexFor(node);
        var names = node.GetStringList("pinctrl-names");
        var states = new List<OfPinctrlState>();
        for (var state = 0; node.GetProperty($"pinctrl-{state}") is { } prop; state++)
        {
            var name = state < names.Count ? names[state] : state.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var configs = new List<DtNode>();
            var errors = new List<string>();
            var cells = OfLookup.Cells(prop);
            for (var i = 0; i < cells.Length; i++)
            {
                if (OfLookup.ByPhandle(index, cells[i]) is { } config) configs.Add(config);
                else
                {
                    errors.Add($"{node.Path}: prop {prop.Name} index {i} invalid phandle");
                    break;
                }
            }
            states.Add(new OfPinctrlState(state, name, configs, errors));
            if (errors.Count > 0) break;
        }
        return states;
    }
}
