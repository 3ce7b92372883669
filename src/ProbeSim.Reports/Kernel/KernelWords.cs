using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Reports.KernelDrivers;

/// <summary>
/// The words the driver reports use for the imported model's values, in the kernel's vocabulary where it has one
/// (<c>device_initcall</c>, <c>CLK_OF_DECLARE</c>); the same words in the text and the JSON (docs/kernel/driver-reports.md).
/// </summary>
public static class KernelWords
{
    public static string Bus(ImportedBus b) => b switch
    {
        ImportedBus.Platform => "platform",
        ImportedBus.Amba => "amba",
        ImportedBus.I2c => "i2c",
        ImportedBus.Spi => "spi",
        ImportedBus.Pci => "pci",
        ImportedBus.SunxiRsb => "sunxi-rsb",
        ImportedBus.Spmi => "spmi",
        _ => b.ToString(),
    };

    public static string Status(BuildStatus s) => s switch
    {
        BuildStatus.BuiltIn => "built-in",
        BuildStatus.Module => "module",
        BuildStatus.NotBuilt => "not-built",
        BuildStatus.Unknown => "unknown",
        _ => s.ToString(),
    };

    /// <summary>The initcall macro of a level (include/linux/init.h: module_init is device_initcall when built in).</summary>
    public static string Initcall(InitcallLevel l) => l switch
    {
        InitcallLevel.Early => "early_initcall",
        InitcallLevel.Core => "core_initcall",
        InitcallLevel.Postcore => "postcore_initcall",
        InitcallLevel.Arch => "arch_initcall",
        InitcallLevel.ArchSync => "arch_initcall_sync",
        InitcallLevel.Subsys => "subsys_initcall",
        InitcallLevel.Fs => "fs_initcall",
        InitcallLevel.Device => "device_initcall",
        InitcallLevel.Late => "late_initcall",
        _ => l.ToString(),
    };

    /// <summary>The declaring macro of an early table.</summary>
    public static string EarlyTable(EarlyTable t) => t switch
    {
        ProbeSim.Kernel.Drivers.EarlyTable.Clk => "CLK_OF_DECLARE",
        ProbeSim.Kernel.Drivers.EarlyTable.ClkDriver => "CLK_OF_DECLARE_DRIVER",
        ProbeSim.Kernel.Drivers.EarlyTable.Irqchip => "IRQCHIP_DECLARE",
        ProbeSim.Kernel.Drivers.EarlyTable.Timer => "TIMER_OF_DECLARE",
        ProbeSim.Kernel.Drivers.EarlyTable.ReservedMem => "RESERVEDMEM_OF_DECLARE",
        ProbeSim.Kernel.Drivers.EarlyTable.Earlycon => "OF_EARLYCON_DECLARE",
        ProbeSim.Kernel.Drivers.EarlyTable.Iommu => "IOMMU_OF_DECLARE",
        _ => t.ToString(),
    };

    public static string Provides(EarlyProvides p) => p switch
    {
        EarlyProvides.Clock => "clock",
        EarlyProvides.Reset => "reset",
        EarlyProvides.Irq => "irq",
        EarlyProvides.Timer => "timer",
        EarlyProvides.ReservedMem => "reserved-mem",
        EarlyProvides.Console => "console",
        EarlyProvides.PowerDomain => "power-domain",
        EarlyProvides.Gpio => "gpio",
        EarlyProvides.Pinctrl => "pinctrl",
        _ => p.ToString(),
    };

    public static string Match(MatchKind k) => k switch
    {
        MatchKind.Of => "of",
        MatchKind.Platform => "platform",
        MatchKind.I2c => "i2c",
        MatchKind.Spi => "spi",
        MatchKind.Amba => "amba",
        MatchKind.Pci => "pci",
        MatchKind.Acpi => "acpi",
        MatchKind.ProbeOf => "probe-of",
        _ => k.ToString(),
    };

    public static string StepKind(PlanStepKind k) => k switch
    {
        PlanStepKind.Request => "request",
        PlanStepKind.Defer => "defer",
        PlanStepKind.Children => "children",
        PlanStepKind.Unknown => "unknown",
        _ => k.ToString(),
    };

    public static string Resource(PlanResource r) => r switch
    {
        PlanResource.Clock => "clock",
        PlanResource.Reset => "reset",
        PlanResource.Regulator => "regulator",
        PlanResource.PowerDomain => "power-domain",
        PlanResource.Phy => "phy",
        PlanResource.Interrupt => "interrupt",
        PlanResource.Gpio => "gpio",
        PlanResource.Dma => "dma",
        PlanResource.IoChannel => "io-channel",
        PlanResource.Syscon => "syscon",
        PlanResource.Nvmem => "nvmem",
        PlanResource.Mailbox => "mailbox",
        PlanResource.Pwm => "pwm",
        PlanResource.Pinctrl => "pinctrl",
        PlanResource.Phandle => "phandle",
        PlanResource.Other => "other",
        _ => r.ToString(),
    };

    public static string Lookup(PlanLookup l) => l switch
    {
        PlanLookup.Index => "index",
        PlanLookup.Name => "name",
        PlanLookup.All => "all",
        _ => l.ToString(),
    };

    /// <summary>The scanner rule that left a fact unknown, as the driver-set format writes it (<c>entry-unread</c>).</summary>
    public static string Cause(UnknownCause c) => EnumWords.Kebab(c);

    /// <summary>Who says a plan step's text: the call that prints it (JSON and text), or the importer's note.</summary>
    public static string MessageKind(PlanMessageKind k) => k switch
    {
        PlanMessageKind.DevErrProbe => "dev_err_probe",
        PlanMessageKind.Error => "dev_err",
        PlanMessageKind.Warning => "dev_warn",
        PlanMessageKind.Info => "dev_info",
        PlanMessageKind.Debug => "dev_dbg",
        PlanMessageKind.Note => "note",
        _ => k.ToString(),
    };

    public static string Policy(PlanPolicy p) => p switch
    {
        PlanPolicy.Required => "required",
        PlanPolicy.Optional => "optional",
        PlanPolicy.OptionalDeferPropagates => "optional-defer-propagates",
        PlanPolicy.NotRequested => "not-requested",
        _ => p.ToString(),
    };

    /// <summary>The policy as the text report says it.</summary>
    public static string PolicyText(PlanPolicy p) => p switch
    {
        PlanPolicy.Required => "required",
        PlanPolicy.Optional => "optional (errors ignored)",
        PlanPolicy.OptionalDeferPropagates => "optional (-EPROBE_DEFER still propagates)",
        PlanPolicy.NotRequested => "named in DT, never requested",
        _ => p.ToString(),
    };

    public static string Child(ChildKind c) => c switch
    {
        ChildKind.OfPopulate => "of-populate",
        ChildKind.MfdCell => "mfd-cell",
        ChildKind.PlatformDevice => "platform-device",
        ChildKind.AuxiliaryDevice => "auxiliary-device",
        ChildKind.BusClients => "bus-clients",
        _ => c.ToString(),
    };
}
