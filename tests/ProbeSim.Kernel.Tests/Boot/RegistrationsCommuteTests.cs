using ProbeSim.TestSupport;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Which registrations commute (partial-order reduction; moved from the checking tests, which read only the published state).</summary>
public class RegistrationsCommuteTests
{
    static ProbeSim.Kernel.DriverCore.Driver Drv(ProbeSim.Kernel.Boot.Kernel k, string name) => k.Platform.Drivers.Single(d => d.Name == name);

    // a clock controller, two of its consumers, and masters of an arm-smmu (context banks) and of an SMMUv3 (per-device groups)
    static readonly string Dts = Soc(ClockAndSmmuBoard.SocBody);

    static string Soc(string body) => "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n" + body + "\n }; };\n";

    static (ProbeSim.Kernel.Boot.Kernel Kernel, BootResult Result) Boot(string dts)
    {
        var kernel = new BootOptions { Profile = "v6.6", Cmdline = "" }.CreateKernel(DtsCompiler.Compile(dts, "test.dts", new DtsCompileOptions()).Tree, "test.dts");
        return (kernel, kernel.Boot());
    }

    [Fact]
    public void Registrations_commute_unless_the_drivers_share_a_node_a_supplier_relation_or_a_contended_iommu()
    {
        var (k, _) = Boot(Dts);
        // supplier and consumer: the consumer defers or binds depending on the order
        Assert.False(k.RegistrationsCommute(Drv(k, "acme-cru"), Drv(k, "acme-a")));
        // two consumers of one clock controller touch nothing of each other
        Assert.True(k.RegistrationsCommute(Drv(k, "acme-a"), Drv(k, "acme-b")));
        // arm-smmu masters compete for context banks; SMMUv3 masters get per-device groups and no banks
        Assert.False(k.RegistrationsCommute(Drv(k, "acme-m0"), Drv(k, "acme-m1")));
        Assert.True(k.RegistrationsCommute(Drv(k, "acme-n0"), Drv(k, "acme-n1")));
    }
}
