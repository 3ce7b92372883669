using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.OracleIommu;

/// <summary>
/// Case <c>smmu-streams</c> on the real Debian 6.1.192 arm64 kernel (docs/kernel/oracle-6.1-smmu-streams.md): QEMU virt with
/// an SMMUv3 (SIDSIZE 16), two conventional e1000 functions behind a PCIe-to-PCI bridge (02:01.0, 02:02.0: both carry the
/// bridge's alias 0x200), a pl031 with <c>iommus = &lt;&amp;smmu 0x4000&gt;</c> and a pl061 with StreamID 0x10000.
/// The kernel logged, at 6 s after /init:
/// <c>e1000 0000:02:01.0: Adding to iommu group 1</c>, <c>e1000 0000:02:02.0: stream 512 already in tree from dev 0000:02:01.0</c>,
/// <c>e1000 0000:02:02.0: Adding to IOMMU failed: -22</c> (dbg) and 02:02.0 bound with no iommu_group;
/// <c>rtc-pl031 9010000.pl031: Adding to iommu group 0</c>; <c>pl061_gpio 9030000.pl061: Adding to IOMMU failed: -34</c> (dbg),
/// bound, no group. Source: 6.1.192 drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:2587-2595 (arm_smmu_sid_in_range),
/// 2599-2601 (-ERANGE), 2640-2652 (the tree), drivers/iommu/of_iommu.c:169-175 (the error dropped at debug level).
/// </summary>
public class SmmuStreamTests
{
    static readonly OracleCase Case = new("smmu-streams");

    const string E1000 = """
        drivers:
          - { compatible: pci8086,100e, name: e1000, bus: pci, pci-ids: ["8086:100e"], as: module, load-at: 0 }
        """;

    static BootResult Boot(string profile, params (string, string)[] set)
    {
        var tree = Case.Tree();
        var options = new BootOptions
        {
            Profile = profile, Drivers = OracleCase.Debian, Pci = Case.Pci(),
            Set = set.Select(s => new KeyValuePair<string, string>(s.Item1, s.Item2)).ToList(),
        }.WithScenario(ScenarioFile.Parse(E1000, "e1000.yaml"), profileGiven: true);
        return options.Boot(tree, "smmu-streams");
    }

    static DeviceOutcome Dev(BootResult r, string name) => r.Devices.Single(d => d.Name == name);

    [Fact]
    public void The_second_function_behind_the_bridge_is_refused_its_shared_stream_and_binds_without_a_group()
    {
        var r = Boot("debian-6.1", ("iommu_stream_id_bits", "16"));
        var first = Dev(r, "0000:02:01.0");
        var second = Dev(r, "0000:02:02.0");
        Assert.Equal("e1000", first.Driver);
        Assert.Equal("e1000", second.Driver);
        Assert.NotNull(first.IommuGroup);
        Assert.Null(second.IommuGroup);
        // the kernel's group 1 holds the root port, the bridge and the first e1000
        Assert.Equal(first.IommuGroup, Dev(r, "0000:00:01.0").IommuGroup);
        Assert.Equal(first.IommuGroup, Dev(r, "0000:01:00.0").IommuGroup);
        Assert.Contains(r.Log, l => l.Text == "e1000 0000:02:02.0: stream 512 already in tree from dev 0000:02:01.0" && l.Level == LogLevel.Warning);
        Assert.Contains(r.Log, l => l.Text == "e1000 0000:02:02.0: Adding to IOMMU failed: -22");
        // its transactions carry the bridge's alias 0x200, which the SMMU translates with the first function's domain
        Assert.Equal("blocked", second.Dma);
        Assert.Contains("StreamID 512", second.DmaNote.Text());
        Assert.Contains("0000:02:01.0", second.DmaNote.Text());
    }

    [Fact]
    public void A_StreamID_beyond_SIDSIZE_gets_no_group_and_no_message()
    {
        var r = Boot("debian-6.1", ("iommu_stream_id_bits", "16"));
        Assert.NotNull(Dev(r, "9010000.pl031").IommuGroup);
        var gpio = Dev(r, "9030000.pl061");
        Assert.Equal("pl061_gpio", gpio.Driver);
        Assert.Null(gpio.IommuGroup);
        Assert.Contains(r.Log, l => l.Text == "pl061_gpio 9030000.pl061: Adding to IOMMU failed: -34" && l.Level == LogLevel.Debug);
        Assert.DoesNotContain(r.Log, l => l.Level <= LogLevel.Info && l.Text.Contains("9030000.pl061") && l.Text.Contains("IOMMU"));
    }

    [Fact]
    public void Groups_match_the_real_kernel()
    {
        var r = Boot("debian-6.1", ("iommu_stream_id_bits", "16"));
        var groups = r.IommuGroups.Select(g => $"{g.Type} [{string.Join(" ", g.Devices.Order(StringComparer.Ordinal))}]").Order(StringComparer.Ordinal).ToList();
        // observed: group 0 = {9010000.pl031}, group 1 = {00:01.0, 01:00.0, 02:01.0}, both DMA
        Assert.Equal(new[] { "DMA [0000:00:01.0 0000:01:00.0 0000:02:01.0]", "DMA [9010000.pl031]" }, groups);
    }

    [Fact]
    public void Without_a_width_StreamIDs_are_unlimited()
    {
        var r = Boot("debian-6.1");
        Assert.NotNull(Dev(r, "9030000.pl061").IommuGroup);
    }

    [Theory]
    // cdf315f907d4 (v5.13) refused any StreamID already in the tree; b00d24997a11 (v6.15, stable) kept that for other masters
    [InlineData("v6.1", "e1000 0000:02:02.0: stream 512 already in tree")]
    [InlineData("v6.12", "e1000 0000:02:02.0: stream 512 already in tree")]
    [InlineData("v6.18", "e1000 0000:02:02.0: stream 512 already in tree from dev 0000:02:01.0")]
    public void The_refusal_is_worded_per_version(string profile, string line)
    {
        var r = Boot(profile);
        Assert.Contains(r.Log, l => l.Text == line);
        Assert.Null(Dev(r, "0000:02:02.0").IommuGroup);
    }

    [Fact]
    public void Before_the_StreamID_tree_both_functions_share_the_bridge_group()
    {
        // v5.10 arm_smmu_add_device had no SID tree: both masters' STEs point at the group's domain (pci_device_group)
        var r = Boot("v5.10");
        Assert.NotNull(Dev(r, "0000:02:02.0").IommuGroup);
        Assert.Equal(Dev(r, "0000:02:01.0").IommuGroup, Dev(r, "0000:02:02.0").IommuGroup);
    }
}
