using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// A resolved interrupt specifier (of_irq_parse_one's of_phandle_args): the interrupt controller node reached after
/// <c>interrupt-parent</c> inheritance and <c>interrupt-map</c> translation, with the specifier in that controller's terms.
/// On failure <see cref="Controller"/> is null and <see cref="Error"/> says why.
/// </summary>
public sealed record OfIrqSpec(DtNode? Controller, uint[] Args, string? Error)
{
    public bool IsResolved => Controller is not null && Error is null;

    internal static OfIrqSpec Fail(string error) => new(null, Array.Empty<uint>(), error);
}
