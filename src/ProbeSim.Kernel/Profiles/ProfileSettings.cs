namespace ProbeSim.Kernel.Profiles;

public enum ReallyProbeEra { V4_2, V4_12, V5_4, V5_19 }
public enum CheckStateEra { None, V4_19, V5_10 }
public enum FwDevlinkMode { None, Off, Permissive, On, Rpm }
public enum OfIommuEra { DeclareOps, Instances, DeclareTable, CheckState }
public enum IommuMapAliases { None, Last, All }
public enum IommuProbeEra { AddDevice, ProbeDevice, InitDevice }
public enum IommuRegisterEra { List, BusProbe, BusProbeConfigure }
public enum IommuAttachFailure { Ignore, FailAdd, Release, Warn }
public enum IommuDefaultLog { None, V5_10, V6_6 }
public enum IommuLazy { None, Attribute, DmaFq }
public enum GroupTypeSysfs { None, ReadOnly, SingleDevice, Ownership }
public enum Arm64Dma { None, NotifierAdd, NotifierBind, Direct, Core }
/// <summary>When __iommu_attach_group refuses a new domain with -EBUSY.</summary>
public enum AttachGroupBusy { DefaultDomain, CurrentDomain }
/// <summary>What arm-smmu-v3 does with a StreamID another master (or the master itself) already inserted.</summary>
public enum SmmuV3StreamIds { Shared, Unique, UniquePerMaster }
public enum Arm32Dma { Overwrite, Unguarded, GuardedKeepsPlain, GuardedClears }
public enum DmaTeardownSites { CreationOnly, AfterConfigure, EveryFailure }
public enum ArmSharedMappingAt { AddDevice, ProbeFinalize }
/// <summary>The deferral reason a supplier-link refusal records: none, the supplier node's name (%pfwP) or its full path (%pfwf).</summary>
public enum LinkCheckReason { None, NodeName, FullPath }

/// <summary>The switches of a profile as typed fields, read once (the simulation reads them on every probe).</summary>
public sealed class ProfileSettings
{
    internal ProfileSettings(KernelProfile p)
    {
        var read = new Reader(p);
        DeviceLinks = read.Of(SwitchCatalog.DeviceLinks);
        NotBoundEvent = read.Of(SwitchCatalog.NotBoundEvent);
        ReallyProbe = read.Of(SwitchCatalog.ReallyProbeUnwind);
        LinkDeferAddsPending = read.Of(SwitchCatalog.LinkDeferAddsPending);
        ProbeReturnsErrno = read.Of(SwitchCatalog.ProbeReturn);
        DeferredTriggerCount = read.Of(SwitchCatalog.DeferredTriggerCount);
        MatchDeferStops = read.Of(SwitchCatalog.MatchDefer);
        DeferNeedsCanMatch = read.Of(SwitchCatalog.DeferNeedsCanMatch);
        DevProbeFailureMessage = read.Of(SwitchCatalog.ProbeFailureMessage);
        CheckState = read.Of(SwitchCatalog.CheckState);
        DeferredProbeTimeout = read.Of(SwitchCatalog.DeferredProbeTimeout);
        DeferredProbeTimeoutNoModules = read.Of(SwitchCatalog.DeferredProbeTimeoutNomodules);
        LateSecondPass = read.Of(SwitchCatalog.LateSecondPass);
        DevicesDeferredFile = read.Of(SwitchCatalog.DevicesDeferredFile);
        DeferReasons = read.Of(SwitchCatalog.DeferReasons);
        LinkCheckReason = read.Of(SwitchCatalog.LinkCheckReason);
        TimeoutExtension = read.Of(SwitchCatalog.TimeoutExtension);
        TimeoutDriversDone = read.Of(SwitchCatalog.TimeoutDriversDone);
        PendingMessageWithReason = read.Of(SwitchCatalog.PendingMessage);
        FwDevlink = read.Of(SwitchCatalog.FwDevlink);
        FwDevlinkBindings = new HashSet<string>(read.Of(SwitchCatalog.FwDevlinkBindings), StringComparer.Ordinal);
        FwDevlinkOptional = new HashSet<string>(read.Of(SwitchCatalog.FwDevlinkOptional), StringComparer.Ordinal);
        FwDevlinkStrictParam = read.Of(SwitchCatalog.FwDevlinkStrictParam);
        FwDevlinkSupplierIsNode = read.Of(SwitchCatalog.FwDevlinkSupplier);
        FwDevlinkCycleFixup = read.Of(SwitchCatalog.FwDevlinkCycles);
        DevlinkBusPrefixed = read.Of(SwitchCatalog.DevlinkNames);
        ChosenFramebuffer = read.Of(SwitchCatalog.ChosenFramebuffer);
        ReservedMemoryDevices = read.Of(SwitchCatalog.ReservedMemoryDevices);
        OfPopulatingDrivers = read.Of(SwitchCatalog.OfPopulatingDrivers).Select(Of.OfPopulatingDriver.Parse).ToArray();
        OfSubnodeProviders = read.Of(SwitchCatalog.OfSubnodeProviders);
        PinctrlCheckState = read.Of(SwitchCatalog.PinctrlAbsent);
        GenpdCheckState = read.Of(SwitchCatalog.GenpdAbsent);
        ClkDisabledEnoent = read.Of(SwitchCatalog.ClkDisabledProvider);
        DummyRegulatorShort = read.Of(SwitchCatalog.DummyRegulatorMessage);
        IrqDeferReason = read.Of(SwitchCatalog.IrqDeferReason);
        SimplePmBusBindsBuses = read.Of(SwitchCatalog.SimplePmBus);
        AmbaPeriphidAtMatch = read.Of(SwitchCatalog.AmbaPeriphidAtMatch);
        DmaAtProbe = read.Of(SwitchCatalog.DmaConfigTime);
        OfIommu = read.Of(SwitchCatalog.OfIommu);
        OfIommuDisabledCheck = read.Of(SwitchCatalog.OfIommuDisabledCheck);
        IommuOfDeclare = read.Of(SwitchCatalog.IommuOfDeclare);
        IommuMapAliases = read.Of(SwitchCatalog.IommuMapAliases);
        DmaNoncoherentProp = read.Of(SwitchCatalog.DmaNoncoherentProp);
        IommuProbe = read.Of(SwitchCatalog.IommuProbe);
        IommuBusOps = read.Of(SwitchCatalog.IommuBusOps);
        IommuRegister = read.Of(SwitchCatalog.IommuRegister);
        DefaultDomainsPciOnly = read.Of(SwitchCatalog.DefaultDomains);
        IommuGroupLogV5 = read.Of(SwitchCatalog.IommuGroupLog);
        GrouplessAttachRefused = read.Of(SwitchCatalog.GrouplessAttach);
        IommuPassthroughParam = read.Of(SwitchCatalog.IommuPassthroughParam);
        IommuAttachFailure = read.Of(SwitchCatalog.IommuAttachFailure);
        DefaultDomainFailureFailsProbe = read.Of(SwitchCatalog.DefaultDomainFailure);
        IommuDefaultLog = read.Of(SwitchCatalog.IommuDefaultLog);
        IommuLazy = read.Of(SwitchCatalog.IommuLazy);
        IommuDefaultPassthrough = read.Of(SwitchCatalog.IommuDefaultPassthrough);
        DefDomainTypeOp = read.Of(SwitchCatalog.DefDomainTypeOp);
        DmarSatc = read.Of(SwitchCatalog.DmarSatc);
        DefDomainIdentityWins = read.Of(SwitchCatalog.DefDomainConflict);
        SmmuDisableBypass = read.Of(SwitchCatalog.SmmuDisableBypass);
        AttachGroupBusy = read.Of(SwitchCatalog.AttachGroupBusy);
        SmmuV3StreamIds = read.Of(SwitchCatalog.SmmuV3StreamIds);
        IommuStreamIdBits = read.Of(SwitchCatalog.IommuStreamIdBits);
        GroupTypeSysfs = read.Of(SwitchCatalog.GroupTypeSysfs);
        DmaOwnership = read.Of(SwitchCatalog.DmaOwnership);
        IommuClaimDevice = read.Of(SwitchCatalog.IommuClaimDevice);
        VfioNotifierBug = read.Of(SwitchCatalog.VfioIsolation);
        Arm64Dma = read.Of(SwitchCatalog.Arm64Dma);
        Arm64DefaultOpsDirect = read.Of(SwitchCatalog.Arm64DefaultOps);
        Arm32Dma = read.Of(SwitchCatalog.Arm32Dma);
        ArmSharedMappingAt = read.Of(SwitchCatalog.ArmSharedMappingAt);
        ProbeResultLogEveryFailure = read.Of(SwitchCatalog.ProbeResultLog);
        DmaTeardown = read.Of(SwitchCatalog.DmaTeardown);
        PciQuirks = new Pci.Quirks.PciQuirkSet(read.Of(SwitchCatalog.PciAcsQuirks), read.Of(SwitchCatalog.PciDmaAliasQuirks));
        IovaMagazine = read.Of(SwitchCatalog.IovaMagazine) ?? 128;
        IovaStickyDac = read.Of(SwitchCatalog.IovaStickyDac);
        read.CheckEveryCatalogSwitchRead();
    }

    /// <summary>Decodes a profile's switches and keeps which ones were read, so that a catalog switch no setting reads is an error.</summary>
    private sealed class Reader(KernelProfile profile)
    {
        private readonly HashSet<ProfileSwitch> _read = new(ReferenceEqualityComparer.Instance);

        public T Of<T>(ProfileSwitch<T> sw)
        {
            if (!_read.Add(sw)) throw new InvalidOperationException($"ProfileSettings reads switch {sw.Name} twice");
            return sw.Read(profile);
        }

        public void CheckEveryCatalogSwitchRead()
        {
            foreach (var sw in SwitchCatalog.All)
                if (!_read.Contains(sw)) throw new InvalidOperationException($"ProfileSettings does not read switch {sw.Name}");
        }
    }

    public bool DeviceLinks { get; }
    public bool NotBoundEvent { get; }
    public ReallyProbeEra ReallyProbe { get; }
    public bool LinkDeferAddsPending { get; }
    public bool ProbeReturnsErrno { get; }
    public bool DeferredTriggerCount { get; }
    public bool MatchDeferStops { get; }
    public bool DeferNeedsCanMatch { get; }
    public bool DevProbeFailureMessage { get; }
    public CheckStateEra CheckState { get; }
    public int? DeferredProbeTimeout { get; }
    public int? DeferredProbeTimeoutNoModules { get; }
    public bool LateSecondPass { get; }
    public bool DevicesDeferredFile { get; }
    public bool DeferReasons { get; }
    public LinkCheckReason LinkCheckReason { get; }
    public bool TimeoutExtension { get; }
    public bool TimeoutDriversDone { get; }
    public bool PendingMessageWithReason { get; }
    public FwDevlinkMode FwDevlink { get; }
    public IReadOnlySet<string> FwDevlinkBindings { get; }
    public IReadOnlySet<string> FwDevlinkOptional { get; }
    public bool FwDevlinkStrictParam { get; }
    public bool FwDevlinkSupplierIsNode { get; }
    public bool FwDevlinkCycleFixup { get; }
    public bool DevlinkBusPrefixed { get; }
    public bool ChosenFramebuffer { get; }
    public IReadOnlyList<string> ReservedMemoryDevices { get; }
    public IReadOnlyList<Of.OfPopulatingDriver> OfPopulatingDrivers { get; }
    public IReadOnlyList<string> OfSubnodeProviders { get; }
    public bool PinctrlCheckState { get; }
    public bool GenpdCheckState { get; }
    public bool ClkDisabledEnoent { get; }
    public bool DummyRegulatorShort { get; }
    public bool IrqDeferReason { get; }
    public bool SimplePmBusBindsBuses { get; }
    public bool AmbaPeriphidAtMatch { get; }
    public bool DmaAtProbe { get; }
    public OfIommuEra OfIommu { get; }
    public bool OfIommuDisabledCheck { get; }
    /// <summary>Compatible patterns of the IOMMU_OF_DECLARE table (__iommu_of_table) of a built-in kernel.</summary>
    public IReadOnlyList<string> IommuOfDeclare { get; }
    public IommuMapAliases IommuMapAliases { get; }
    public bool DmaNoncoherentProp { get; }
    public IommuProbeEra IommuProbe { get; }
    /// <summary>IOMMU ops hang off the bus (bus_set_iommu), not the device.</summary>
    public bool IommuBusOps { get; }
    public IommuRegisterEra IommuRegister { get; }
    public bool DefaultDomainsPciOnly { get; }
    public bool IommuGroupLogV5 { get; }
    /// <summary>iommu_attach_device refuses a device with no group (-ENODEV) instead of attaching it directly.</summary>
    public bool GrouplessAttachRefused { get; }
    public IommuAttachFailure IommuAttachFailure { get; }
    public bool IommuPassthroughParam { get; }
    public bool DefaultDomainFailureFailsProbe { get; }
    public IommuDefaultLog IommuDefaultLog { get; }
    public IommuLazy IommuLazy { get; }
    public bool IommuDefaultPassthrough { get; }
    public bool DefDomainTypeOp { get; }
    public bool DmarSatc { get; }
    public bool DefDomainIdentityWins { get; }
    public bool SmmuDisableBypass { get; }
    public AttachGroupBusy AttachGroupBusy { get; }
    public SmmuV3StreamIds SmmuV3StreamIds { get; }
    /// <summary>StreamID width of an SMMU whose scenario gives none; null = unlimited.</summary>
    public int? IommuStreamIdBits { get; }
    public GroupTypeSysfs GroupTypeSysfs { get; }
    public bool DmaOwnership { get; }
    public bool IommuClaimDevice { get; }
    public bool VfioNotifierBug { get; }
    public Arm64Dma Arm64Dma { get; }
    public bool Arm64DefaultOpsDirect { get; }
    public Arm32Dma Arm32Dma { get; }
    public DmaTeardownSites DmaTeardown { get; }
    public ArmSharedMappingAt ArmSharedMappingAt { get; }
    /// <summary>probe_result_log every-failure: really_probe's closing switch logs pinctrl and dma_configure failures too.</summary>
    public bool ProbeResultLogEveryFailure { get; }
    /// <summary>The kernel's built-in PCI quirks (pci_acs_quirks, pci_dma_alias_quirks); no ACPI IVRS table, as on DT.</summary>
    public Pci.Quirks.PciQuirkSet PciQuirks { get; }
    public int IovaMagazine { get; }
    public bool IovaStickyDac { get; }
}
