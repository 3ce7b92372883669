namespace ProbeSim.Kernel.Drivers;

/// <summary>One row of <c>pci-module-aliases.tsv</c>: a module's <c>pci:</c> (or <c>vfio_pci:</c>, <see cref="PciId.OverrideOnly"/>) alias, decoded.</summary>
public sealed record PciModuleAlias(string Module, PciId Id, string RawAlias);

/// <summary>One row of <c>pci-modules.tsv</c>: a module of the package, its 1-based line in <c>modules.order</c>, its path and its alias rows.</summary>
public sealed record PciKernelModule(string Module, int Order, string Path, int AliasRows);

/// <summary>
/// One row of <c>pci-driver-names.tsv</c>: the driver name a module's <c>struct pci_driver</c> registers, read from the
/// source (<see cref="NameAt"/>, FILE:LINE). <see cref="InPackage"/> false: the driver is not in the kernel package at all
/// (nvidia). <see cref="AsyncAt"/>/<see cref="ManagedDmaAt"/>: where the probe type / driver_managed_dma are set, or null.
/// </summary>
public sealed record PciDriverNameFact(string Module, string DriverName, bool InPackage, string? NameAt, string? AsyncAt, string? ManagedDmaAt, string Note);

/// <summary>One recorded entry of a built-in driver's id table, with the source line it comes from.</summary>
public sealed record PciBuiltinId(PciId Id, string Source);

/// <summary>
/// A <c>struct pci_driver</c> linked into the image (<c>pci-builtin-drivers.tsv</c>): the config symbol that builds it,
/// its registration rank within device_initcall, and its id table when recorded (<see cref="IdsRecorded"/> false: the
/// table was not transcribed, so the driver binds only through driver_override in the model).
/// </summary>
public sealed record PciBuiltinDriver(string Name, string Symbol, string Config, int LinkRank, bool IdsRecorded,
    IReadOnlyList<PciBuiltinId> Ids, string Source, string? ManagedDmaAt, string Note);
