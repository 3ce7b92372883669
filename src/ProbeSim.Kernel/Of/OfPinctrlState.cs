using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// One pinctrl state of a device: <c>pinctrl-N</c>, named by entry N of <c>pinctrl-names</c> (else the decimal N), with the pin
/// configuration nodes it references in order. A reference that names no node is an error that fails the whole
/// pinctrl lookup: it is reported here and no later state is read.
/// </summary>
public sealed record OfPinctrlState(int Index, string Name, IReadOnlyList<DtNode> Configs, IReadOnlyList<string> Errors);
