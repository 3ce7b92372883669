namespace ProbeSim.Kernel.Boot;

/// <summary>
/// One supplier of a device in its outcome (<see cref="DeviceOutcome.Suppliers"/>): a device it has a device link to,
/// or a DT node it has an fwnode link to that is no device (yet). The JSON writes the name or the path.
/// </summary>
public abstract record SupplierOutcome
{
    private SupplierOutcome() { }

    /// <summary>A supplier device, by its name (a device link: device_link_add).</summary>
    public sealed record Device(string Name) : SupplierOutcome;

    /// <summary>A supplier node with no device yet, by its DT path (an fwnode link: fwnode_link_add).</summary>
    public sealed record Fwnode(string Path) : SupplierOutcome;
}
