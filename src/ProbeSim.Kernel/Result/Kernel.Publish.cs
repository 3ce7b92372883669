using ProbeSim.Kernel.Result;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    /// <summary>The state of this kernel as the checks read it (<see cref="BootState"/>): built part by part when first
    /// asked for, so publish it when the kernel has stopped running.</summary>
    public BootState Publish() => new(this);
}
