namespace ProbeSim.Kernel.Pci;

/// <summary>One step of <c>pci_for_each_dma_alias</c>: the device the callback is given and the requester ID.</summary>
public readonly record struct PciDmaAlias(PciFunction Function, ushort Rid)
{
    public override string ToString() => $"{Function.Name} 0x{Rid:x4}";
}
