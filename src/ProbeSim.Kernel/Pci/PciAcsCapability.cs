namespace ProbeSim.Kernel.Pci;

/// <summary>
/// The ACS extended capability (id 0x000D) of a function: its capability register (offset +4) and
/// control register (offset +6). A function without the capability has none (<c>dev->acs_cap == 0</c>).
/// </summary>
public readonly record struct PciAcsCapability(PciAcsFlags Capability, PciAcsFlags Control);
