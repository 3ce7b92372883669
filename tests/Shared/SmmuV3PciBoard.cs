namespace ProbeSim.TestSupport;

/// <summary>
/// The small DT board several test projects boot for PCI-behind-an-IOMMU cases: an SMMUv3 (<c>arm,smmu-v3</c>, one
/// stream-id cell) and a generic ECAM host bridge whose <c>iommu-map</c> sends every requester id to it with the RID as
/// stream id (Documentation/devicetree/bindings/pci/pci-iommu.txt). The PCI functions come from each test's scenario.
/// </summary>
public static class SmmuV3PciBoard
{
    public const string Dts = """
        /dts-v1/;
        / { #address-cells = <2>; #size-cells = <2>;
          smmu: iommu@9050000 { compatible = "arm,smmu-v3"; reg = <0x0 0x9050000 0x0 0x20000>; #iommu-cells = <1>; };
          pcie@10000000 { compatible = "pci-host-ecam-generic"; device_type = "pci"; reg = <0x40 0x10000000 0x0 0x10000000>;
            #address-cells = <3>; #size-cells = <2>; bus-range = <0x0 0xff>; iommu-map = <0x0 &smmu 0x0 0x10000>; };
        };

        """;
}
