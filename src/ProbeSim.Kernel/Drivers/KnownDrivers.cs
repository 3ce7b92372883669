namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// What a few real drivers do in probe that a match table cannot tell: optional resources and dev_err_probe reasons.
/// Each entry is a fact about that driver's probe in the kernels we model (read from its source).
/// </summary>
public static class KnownDrivers
{
    static readonly Dictionary<string, Func<DriverSpec, DriverSpec>> Facts = new(StringComparer.Ordinal)
    {
        // mmc_pwrseq_simple_probe: devm_clk_get_optional(dev, "ext_clock")
        ["pwrseq_simple"] = d => d with { OptionalProperties = new[] { "clocks" } },
        // xen_pcibk_init returns -ENODEV before pci_register_driver unless xen_initial_domain() (6.1.192
        // drivers/xen/xen-pciback/pci_stub.c:1672-1677; 6.12.118 pci_stub.c:1738-1743): outside a Xen dom0 the module loads, fails
        // its init, and its PCI_ANY_ID table never takes a device
        ["pciback"] = d => d with
        {
            Availability = DriverAvailability.Absent,
            Origin = d.Origin + "; never registered: xen_pcibk_init needs xen_initial_domain() (drivers/xen/xen-pciback/pci_stub.c:1676)",
        },
    };

    public static DriverSpec Apply(DriverSpec spec) => Facts.TryGetValue(spec.Name, out var f) ? f(spec) : spec;
}
