using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>
/// One slot of a phandle+args list (struct of_phandle_args plus the iterator's verdict).
/// <see cref="Index"/> counts every slot, empty ones included, as the kernel's index argument does.
/// <see cref="Provider"/> is null when the phandle names no node; <see cref="Error"/> then says why,
/// and also reports a slot whose argument cells run past the end of the property.
/// </summary>
public sealed record OfPhandleEntry(int Index, uint Phandle, DtNode? Provider, uint[] Args, string? Error)
{
    /// <summary>True when the slot parsed and names an existing node.</summary>
    public bool IsResolved => Provider is not null && Error is null;
}
