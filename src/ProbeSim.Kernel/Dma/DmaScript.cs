using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

public sealed partial class Kernel
{
    // the driver's DMA activity after a successful probe (DriverSpec.Dma)
    private void RunDmaScript(Device dev)
    {
        if (dev.Driver is null || dev.Driver.Spec.Dma.Count == 0) return;
    }
}
