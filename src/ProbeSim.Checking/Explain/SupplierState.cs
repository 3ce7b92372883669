namespace ProbeSim.Checking.Explain;

/// <summary>The words an explanation uses for a supplier's state.</summary>
public static class SupplierState
{
    public const string Bound = "bound";
    public const string Deferred = "deferred";
    public const string Failed = "failed";
    public const string NoDriver = "no-driver";
    public const string ModuleNotLoaded = "module-not-loaded";
    public const string NotProbed = "not-probed";
    public const string Disabled = "disabled";
    public const string NoDevice = "no-device";
    public const string RegisteredEarly = "registered-early";
    public const string Cycle = "cycle";
    public const string Unresolved = "unresolved";

    /// <summary>States that end a chain: nothing further explains them.</summary>
    public static bool IsRootCause(string state) =>
        state is Failed or NoDriver or ModuleNotLoaded or Disabled or NoDevice or Cycle or Unresolved;
}
