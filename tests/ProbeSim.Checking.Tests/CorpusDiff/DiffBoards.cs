using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Checking.Tests.CorpusDiff;

/// <summary>Small in-memory corpora and sides for the diff tests (default driver set: every compatible has a built-in driver).</summary>
internal static class DiffBoards
{
    // spec driver-core S3 shape on arm64: a master (a DMA controller) behind a disabled SMMU, and a SPI controller that
    // takes a DMA channel from it; under v4.12-rc1 the master defers forever and the SPI controller waits for its channel.
    // The SMMU is an arm,mmu-500: the spec's premise is a declared IOMMU (v4.12.0 arm-smmu.c:2336 IOMMU_OF_DECLARE(arm_mmu500, ...))
    public static readonly string IommuOff = Scenario.Soc("""
        smmu: iommu@1000000 { compatible = "arm,mmu-500"; reg = <0x1000000 0x10000>; #iommu-cells = <1>; status = "disabled"; };
        dmac: dma-controller@2000000 { compatible = "acme,dmac"; reg = <0x2000000 0x1000>; #dma-cells = <1>; iommus = <&smmu 0x10>; };
        spi@3000000 { compatible = "acme,spi"; reg = <0x3000000 0x1000>; dmas = <&dmac 0>; dma-names = "tx"; };
        serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x1000>; };
        """);

    // the same SoC with the SMMU enabled: nothing differs between v4.12-rc1 and v4.12
    public static readonly string IommuOn = IommuOff.Replace(" status = \"disabled\";", "");

    public static readonly string Plain = Scenario.Soc("""
        serial@4000000 { compatible = "acme,uart"; reg = <0x4000000 0x1000>; };
        """);

    public static CorpusBoard Board(string name, string dts) => new(name, () => Scenario.Tree(dts));

    /// <summary>Three boards, one of which changes between v4.12-rc1 and v4.12.</summary>
    public static IReadOnlyList<CorpusBoard> Small() =>
    [
        Board("vendor/iommu-off.dts", IommuOff),
        Board("vendor/iommu-on.dts", IommuOn),
        Board("vendor/plain.dts", Plain),
    ];

    /// <summary>Many boards (every third has the disabled IOMMU), for sharding and determinism.</summary>
    public static IReadOnlyList<CorpusBoard> Many(int count) =>
        Enumerable.Range(0, count).Select(i => Board($"soc{i % 4}/board-{i:D2}.dts", (i % 3) switch { 0 => IommuOff, 1 => IommuOn, _ => Plain })).ToList();

    public static DiffSide Side(string name, string profile, IReadOnlyList<CorpusBoard> boards) =>
        new(name, new DiffSideInfo(profile, profile, "default", null, "", "test"), new BootOptions { Profile = profile }, boards);

    /// <summary>v4.12-rc1 against v4.12 over the boards (one list: each tree is loaded once).</summary>
    public static CorpusDiffResult Rc1VsV412(IReadOnlyList<CorpusBoard> boards, Shard? shard = null, int jobs = 2) =>
        CorpusDiffRunner.Run(CorpusDiffPlan.Make(Side("a", "v4.12-rc1", boards), Side("b", "v4.12", boards), shard ?? Shard.Whole), jobs);
}
