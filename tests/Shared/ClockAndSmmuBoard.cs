namespace ProbeSim.TestSupport;

/// <summary>
/// The SoC body the exploration's reduction tests and the registration-commute tests boot: a clock controller and two
/// of its consumers, two masters of an arm-smmu (MMU-500: context banks) and two of an SMMUv3 (one group per device).
/// Wrap it in the test project's own SoC node.
/// </summary>
public static class ClockAndSmmuBoard
{
    public const string SocBody = """
        cru: clock-controller@1000 { compatible = "acme,cru"; reg = <0x1000 0x100>; #clock-cells = <1>; };
        a: serial@2000 { compatible = "acme,a"; reg = <0x2000 0x100>; clocks = <&cru 0>; };
        b: serial@3000 { compatible = "acme,b"; reg = <0x3000 0x100>; clocks = <&cru 1>; };
        smmu: iommu@4000 { compatible = "arm,mmu-500"; reg = <0x4000 0x100>; #iommu-cells = <1>; };
        m0: dma@5000 { compatible = "acme,m0"; reg = <0x5000 0x100>; iommus = <&smmu 1>; };
        m1: dma@6000 { compatible = "acme,m1"; reg = <0x6000 0x100>; iommus = <&smmu 2>; };
        smmu3: iommu@7000 { compatible = "arm,smmu-v3"; reg = <0x7000 0x100>; #iommu-cells = <1>; };
        n0: dma@8000 { compatible = "acme,n0"; reg = <0x8000 0x100>; iommus = <&smmu3 1>; };
        n1: dma@9000 { compatible = "acme,n1"; reg = <0x9000 0x100>; iommus = <&smmu3 2>; };
        """;
}
