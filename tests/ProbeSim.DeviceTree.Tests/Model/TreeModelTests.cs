using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Model;

public class TreeModelTests
{
    private const string Dts = """
        /dts-v1/;
        / {
            #address-cells = <2>;
            #size-cells = <2>;
            soc {
                #address-cells = <1>;
                #size-cells = <1>;
                smmu: iommu@e6740000 {
                    compatible = "renesas,ipmmu-r8a7795", "renesas,rcar-gen3-ipmmu";
                    reg = <0xe6740000 0x1000>, <0xe6750000 0x800>;
                    #iommu-cells = <1>;
                    status = "disabled";
                };
                dev: dma@e7300000 {
                    compatible = "renesas,dmac";
                    reg = <0xe7300000 0x10000>;
                    iommus = <&smmu 0>, <&smmu 1>;
                    status = "okay";
                };
                legacy@0 { status = "ok"; reg = <0 4>; };
                failed@4 { status = "fail"; reg = <4 4>; };
            };
            memory@40000000 {
                reg = <0x0 0x40000000 0x1 0x00000000>;
            };
        };
        """;

    private static DtTree Tree() => DtsCompiler.Compile(Dts, "model.dts", new DtsCompileOptions()).Tree;

    [Fact]
    public void Paths_names_and_unit_addresses()
    {
        var t = Tree();
        var smmu = t.FindByPath("/soc/iommu@e6740000")!;
        Assert.Equal("iommu@e6740000", smmu.Name);
        Assert.Equal("iommu", smmu.BaseName);
        Assert.Equal("e6740000", smmu.UnitAddress);
        Assert.Equal("/soc/iommu@e6740000", smmu.Path);
        Assert.Equal("/", t.Root.Path);
        Assert.Null(t.FindByPath("/soc/iommu"));
    }

    [Fact]
    public void Reg_is_decoded_with_the_parents_cell_counts()
    {
        var t = Tree();
        Assert.Equal(new[] { new RegEntry(0xe6740000, 0x1000), new RegEntry(0xe6750000, 0x800) }, t.FindByLabel("smmu")!.GetReg());
        Assert.Equal(new[] { new RegEntry(0x40000000, 0x100000000) }, t.FindByPath("/memory@40000000")!.GetReg());
    }

    [Fact]
    public void Status_follows_of_device_is_available()
    {
        var t = Tree();
        Assert.False(t.FindByLabel("smmu")!.IsAvailable);
        Assert.True(t.FindByLabel("dev")!.IsAvailable);
        Assert.True(t.FindByPath("/soc/legacy@0")!.IsAvailable);
        Assert.False(t.FindByPath("/soc/failed@4")!.IsAvailable);
        Assert.True(t.Root.IsAvailable);
    }

    [Fact]
    public void Typed_accessors()
    {
        var t = Tree();
        var smmu = t.FindByLabel("smmu")!;
        Assert.Equal(new[] { "renesas,ipmmu-r8a7795", "renesas,rcar-gen3-ipmmu" }, smmu.Compatible);
        Assert.True(smmu.IsCompatible("renesas,rcar-gen3-ipmmu"));
        Assert.Equal(1u, smmu.GetU32("#iommu-cells"));
        Assert.Equal("disabled", smmu.Status);
        Assert.Null(smmu.GetU32("missing"));
        var dev = t.FindByLabel("dev")!;
        Assert.Equal(new uint[] { smmu.Phandle, 0, smmu.Phandle, 1 }, dev.GetCells("iommus"));
        Assert.Equal(0x0000000040000000UL, t.FindByPath("/memory@40000000")!.GetU64("reg"));
    }

    [Fact]
    public void Labels_and_phandles_resolve_both_ways()
    {
        var t = Tree();
        var smmu = t.FindByLabel("smmu")!;
        Assert.NotEqual(0u, smmu.Phandle);
        Assert.Same(smmu, t.FindByPhandle(smmu.Phandle));
        Assert.Contains("smmu", smmu.Labels);
        Assert.Same(smmu, t.Resolve("smmu"));
        Assert.Same(smmu, t.Resolve("/soc/iommu@e6740000"));
        var index = t.BuildIndex();
        Assert.Same(smmu, index.ByPhandle(smmu.Phandle));
        Assert.Same(smmu, index.ByLabel("smmu"));
        Assert.Equal("/soc/iommu@e6740000", index.PathOf(smmu));
        Assert.Same(t.FindByLabel("dev"), index.ByPath("/soc/dma@e7300000"));
    }
}
