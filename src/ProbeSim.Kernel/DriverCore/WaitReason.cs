namespace ProbeSim.Kernel.DriverCore;

/// <summary>
/// What a deferred device waits for, as recorded when its probe deferred. Checks switch on <see cref="Cause"/>; the
/// words are made in ProbeSim.Reports only when a report or an explanation asks (an explorer's boots never do).
/// Every field is a value taken at the moment of the deferral, so the words describe that moment.
/// </summary>
public abstract record WaitReason
{
    public abstract WaitCause Cause { get; }
}

/// <summary>of_iommu_configure deferred: the IOMMU's node has no registered instance yet (or check_state said wait).</summary>
public sealed record IommuNotRegisteredWait(string IommuPath, bool CheckState) : WaitReason
{
    public override WaitCause Cause => WaitCause.Iommu;
}

/// <summary>The driver's scripted probe chose to defer.</summary>
public sealed record ScriptDefersWait : WaitReason
{
    public override WaitCause Cause => WaitCause.DriverScript;
}

/// <summary>An exploration injected a failing probe at this attempt.</summary>
public sealed record InjectedFaultWait(int Errno, int Attempt) : WaitReason
{
    public override WaitCause Cause => WaitCause.InjectedFault;
}

/// <summary>
/// A resource whose provider is not registered: <paramref name="Resource"/> names the request ("clock bus",
/// "io-channels[0]"), <paramref name="Role"/> the provider's role ("provider", "controller", "pin controller"),
/// <paramref name="Provider"/> why the provider is not there (as the lookup saw it).
/// </summary>
public sealed record ProviderWait(string Resource, string Role, ProbeSim.Kernel.Providers.ProviderReason Provider) : WaitReason
{
    public override WaitCause Cause => WaitCause.Supplier;
}

/// <summary>An AMBA device's apb_pclk is unavailable (disabled or no provider) or its provider not registered yet.</summary>
public sealed record AmbaClockWait(bool Unavailable) : WaitReason
{
    public override WaitCause Cause => WaitCause.Supplier;
}

/// <summary>fw_devlink: a fwnode link to a supplier node that is not a device link yet.</summary>
public sealed record FwnodeLinkWait(string SupplierPath, string Property) : WaitReason
{
    public override WaitCause Cause => WaitCause.Supplier;
}

/// <summary>A managed device link whose supplier is not ready, with the link's state then.</summary>
public sealed record DeviceLinkWait(string Supplier, DlState Status) : WaitReason
{
    public override WaitCause Cause => WaitCause.Supplier;
}
