using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>Which registrations commute (partial-order reduction; moved from the checking tests, which read only the published state).</summary>
public class RegistrationsCommuteTests
{
    static ProbeSim.Kernel.DriverCore.Driver Drv(ProbeSim.Kernel.Boot.Kernel k, string name) => k.Platform.Drivers.Single(d => d.Name == name);

    // a clock controller, two of its consumers, and masters of an arm-smmu (context banks) and of an SMMUv3 (per-device groups)
    static readonly string Dts = Soc("""
        cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
        a: serial@2000 { compatible = "acme,a"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
        b: serial@3000 { compatible = "acme,b"; reg = <0x3000 0x100>; clocks = <&cru 1>; };
        smmu: iommu@4000 { compatible = "arm,mmu-500"; reg = <0x4000 0x100>; #iommu-cells = <1>; };
        m0: dma@5000 { compatible = "acme,m0"; reg = <0x5000 0x100>; iommus = <&smmu 1>; };
        m1: dma@6000 { compatible = "acme,m1"; reg = <0x6000 0x100>; iommus = <&smmu 2>; };
        smmu3: iommu@7000 { compatible = "arm,smmu-v3"; reg = <0x7000 0x100>; #iommu-cells = <1>; };
        n0: dma@8000 { compatible = "acme,n0"; reg = <0x8000 0x100>; iommus = <&smmu3 1>; };
        n1: dma@9000 { compatible = "acme,n1"; reg = <0x9000 0x100>; iommus = <&smmu3 2>; };
        """);

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
