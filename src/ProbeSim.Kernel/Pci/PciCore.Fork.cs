using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Pci;

// Kernel.Fork: PCI enumeration's state, copied into a forked kernel's own PciCore (the topology is an input)
internal sealed partial class PciCore
{
    /// <summary>The scan flag, the host node, and the function -> device index through the fork's map.</summary>
    internal void CopyFrom(PciCore from, ForkMap map)
    {
        _enumerated = from._enumerated;
        _hostNode = from._hostNode;
        foreach (var (fn, dev) in from._devices) _devices[fn] = map.Dev(dev);
    }
}
