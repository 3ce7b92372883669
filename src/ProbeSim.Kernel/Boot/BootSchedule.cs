using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Boot;

/// <summary>The places where a real boot can go more than one way, and where a fault can be injected.</summary>
public enum ChoiceKind
{
    /// <summary>Link order inside one initcall level: which driver registers next.</summary>
    RegisterOrder,
    /// <summary>Which queued asynchronous probe runs next.</summary>
    AsyncOrder,
    /// <summary>Something concurrent runs while a probe is in flight (between its trigger snapshot and its return).</summary>
    ProbeWindow,
    /// <summary>The order udev loads the modules of a coldplug pass, or of explicitly timed module loads.</summary>
    ModuleOrder,
    /// <summary>Whether an injected fault fires here.</summary>
    Fault,
    /// <summary>Which bound device user space unbinds and rebinds after boot.</summary>
    Unbind,
}

/// <summary>Where a fault can be injected.</summary>
public enum FaultSite
{
    /// <summary>drv->probe returns an errno (a given attempt).</summary>
    Probe,
    /// <summary>An allocation in the probe path fails: the probe returns -ENOMEM.</summary>
    Alloc,
    /// <summary>ops->domain_alloc returns NULL.</summary>
    DomainAlloc,
    /// <summary>An IOMMU driver's probe fails before iommu_device_register.</summary>
    IommuProbe,
    /// <summary>An IOMMU driver probes but never calls iommu_device_register.</summary>
    IommuNoRegister,
}

/// <summary>
/// Decides the choices of one boot. The kernel calls <see cref="Choose"/> only where more than one option exists;
/// option 0 is always what the simulation does without a schedule. Labels are built only when asked for.
/// </summary>
public interface IBootSchedule
{
    /// <summary>
    /// Picks one of <paramref name="count"/> options (0 .. count-1). <paramref name="commute"/>, when given, says which
    /// options commute (running i then j ends in the same state as j then i), for partial-order reduction.
    /// <paramref name="actor"/>, when given, names each option's subject (the driver that registers, the module that
    /// loads) apart from its words; without it the label is the subject.
    /// </summary>
    int Choose(Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, Func<int, int, bool>? commute = null, Func<int, string>? actor = null);

    /// <summary>The errno (positive) to inject at a fault site, or 0 for none.</summary>
    int Fault(Kernel kernel, FaultSite site, Device dev, int attempt);

    /// <summary>A context-bank limit imposed on an IOMMU instance at registration (null: the driver's own count).</summary>
    int? ContextBankLimit(Kernel kernel, Device iommu);

    /// <summary>Whether this schedule can choose or inject anything (false: the kernel skips the bookkeeping).</summary>
    bool Active { get; }

    /// <summary>
    /// Called at each registration boundary of an active schedule, just before the pick of the next driver to register:
    /// the one place the boot's position is kernel state, so an explorer may <see cref="Kernel.Fork"/> the kernel here.
    /// </summary>
    void AtBoundary(Kernel kernel) { }

    /// <summary>Whether <see cref="ContextBankLimit"/> may limit some IOMMU (then its masters compete for banks).</summary>
    bool LimitsContextBanks { get; }
}

/// <summary>The schedule of a plain boot: always option 0, no faults.</summary>
public sealed class DefaultBootSchedule : IBootSchedule
{
    public static readonly DefaultBootSchedule Instance = new();
    private DefaultBootSchedule() { }
    public int Choose(Kernel kernel, ChoiceKind kind, int count, Func<int, string> label, Func<int, int, bool>? commute = null, Func<int, string>? actor = null) => 0;
    public int Fault(Kernel kernel, FaultSite site, Device dev, int attempt) => 0;
    public int? ContextBankLimit(Kernel kernel, Device iommu) => null;
    public bool Active => false;
    public bool LimitsContextBanks => false;
}
