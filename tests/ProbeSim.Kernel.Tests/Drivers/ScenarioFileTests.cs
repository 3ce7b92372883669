using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>Parsing each scenario-file feature (docs/scenario-format.md).</summary>
public class ScenarioFileTests
{
    private static ScenarioFile Parse(string yaml) => ScenarioFile.Parse(yaml, "s.yaml");

    [Fact]
    public void Top_level_values_are_exposed()
    {
        var s = Parse("""
            # a comment
            profile: v6.6
            cmdline: "deferred_probe_timeout=-1 fw_devlink=on"
            set: { fw_devlink: permissive, iommu_strict: 1 }
            modules: false
            module-autoload-at: 2.5
            """);
        Assert.Equal("s.yaml", s.File);
        Assert.Equal("v6.6", s.Profile);
        Assert.Equal("deferred_probe_timeout=-1 fw_devlink=on", s.Cmdline);
        Assert.Equal(new Dictionary<string, string> { ["fw_devlink"] = "permissive", ["iommu_strict"] = "1" }, s.Set);
        Assert.False(s.Modules);
        Assert.Equal(new ScenarioTime(2.5), s.ModuleAutoloadAt);
    }

    [Fact]
    public void Empty_files_and_absent_keys_change_nothing()
    {
        foreach (var text in new[] { "", "# only a comment\n", "---\n", "drivers:\nnodes: ~\n" })
        {
            var s = Parse(text);
            Assert.Null(s.Profile);
            Assert.Null(s.Cmdline);
            Assert.Empty(s.Set);
            Assert.Null(s.Modules);
            Assert.Null(s.ModuleAutoloadAt);
            Assert.Empty(s.Drivers);
            Assert.Empty(s.Nodes);
            Assert.Empty(s.Order);
            Assert.Empty(s.Actions);
        }
    }

    [Fact]
    public void Module_autoload_can_be_never()
    {
        Assert.Equal(ScenarioTime.Never, Parse("module-autoload-at: never").ModuleAutoloadAt);
    }

    [Fact]
    public void A_driver_entry_with_every_key()
    {
        var d = Assert.Single(Parse("""
            drivers:
              - compatible: acme,dmac
                name: acme-dmac
                bus: amba
                as: module
                module: acme_dmac_mod
                load-at: 3
                initcall: subsys
                async: true
                prevent-deferred-probe: true
                driver-managed-dma: false
                amba-id: 0x00041011
                amba-mask: 0x000fffff
                probe: succeed
                resources: false
                iommu: no-register
            """).Drivers);
        Assert.Equal(new[] { "acme,dmac" }, d.Compatibles);
        Assert.Equal("acme-dmac", d.Name);
        Assert.Equal(DriverBus.Amba, d.Bus);
        Assert.Equal(DriverAvailability.Module, d.Availability);
        Assert.Equal("acme_dmac_mod", d.Module);
        Assert.Equal(new ScenarioTime(3), d.LoadAt);
        Assert.Equal(InitcallLevel.Subsys, d.Level);
        Assert.True(d.AsyncProbe);
        Assert.True(d.PreventDeferredProbe);
        Assert.False(d.DriverManagedDma);
        Assert.Equal(new AmbaId(0x00041011, 0x000fffff), d.AmbaId);
        Assert.Equal(new[] { new ProbeStep(ProbeStepKind.Succeed) }, d.Probe);
        Assert.False(d.RequestResources);
        Assert.False(d.Iommu!.Registers);
        Assert.Equal(new SourceLocation("s.yaml", 2, 5), d.Location);
    }

    [Fact]
    public void Compatible_lists_levels_and_defaults()
    {
        var s = Parse("""
            drivers:
              - { compatible: [acme,foo-v2, acme,foo] }
              - { compatible: a,b, initcall: arch_sync, amba-id: 7, load-at: never }
              - { compatible: a,c, initcall: early, iommu: register }
            """);
        Assert.Equal(new[] { "acme,foo-v2", "acme,foo" }, s.Drivers[0].Compatibles);
        Assert.Null(s.Drivers[0].Name);
        Assert.Null(s.Drivers[0].Availability);
        Assert.Null(s.Drivers[0].Probe);
        Assert.Equal(InitcallLevel.ArchSync, s.Drivers[1].Level);
        Assert.Equal(new AmbaId(7, 0xffffffff), s.Drivers[1].AmbaId);
        Assert.Equal(ScenarioTime.Never, s.Drivers[1].LoadAt);
        Assert.Equal(InitcallLevel.Early, s.Drivers[2].Level);
        Assert.True(s.Drivers[2].Iommu!.Registers);
    }

    [Theory]
    [InlineData("acme,dmac", "acme,dmac")]
    [InlineData("[acme,foo-v2, acme,foo]", "acme,foo-v2|acme,foo")]
    [InlineData("[\"acme,foo-v2\", 'acme,foo']", "acme,foo-v2|acme,foo")]
    [InlineData("[ns16550a, simple-bus]", "ns16550a|simple-bus")]
    [InlineData("[a,b,c, d]", "a,b,c|d")]
    public void Compatibles_with_commas_need_no_quotes(string value, string expected)
    {
        // YAML ends plain scalars at ',' inside [ ] and { }; the reader joins the pieces back
        var block = Parse($"drivers:\n  - compatible: {value}\n    as: module\n").Drivers[0];
        Assert.Equal(expected, string.Join("|", block.Compatibles));
        Assert.Equal(DriverAvailability.Module, block.Availability);
        var flow = Parse($"drivers: [ {{ compatible: {value}, as: module,name: n,x }} ]").Drivers[0];
        Assert.Equal(expected, string.Join("|", flow.Compatibles));
        Assert.Equal((DriverAvailability.Module, "n,x"), (flow.Availability, flow.Name));
        Assert.Equal(new SourceLocation("s.yaml", 1, 12), flow.Location);
    }

    [Fact]
    public void Block_lists_of_compatibles()
    {
        var d = Parse("drivers:\n  - compatible:\n      - acme,x\n      - acme,y\n").Drivers[0];
        Assert.Equal(new[] { "acme,x", "acme,y" }, d.Compatibles);
    }

    [Fact]
    public void A_split_value_keeps_its_start_for_errors()
    {
        var ex = Assert.Throws<ScenarioException>(() => Parse("drivers: [ { compatible: a,b, bus: ac,me } ]"));
        Assert.Equal(new SourceLocation("s.yaml", 1, 36), ex.Location);
        Assert.Contains("unknown bus 'ac,me'", ex.Reason);
    }

    [Theory]
    [InlineData("succeed", "Succeed:0:1:")]
    [InlineData("defer", "Defer:0:1:")]
    [InlineData("{fail: EIO}", "Fail:5:1:")]
    [InlineData("{fail: -EINVAL}", "Fail:22:1:")]
    [InlineData("{fail: -5}", "Fail:5:1:")]
    [InlineData("{fail: ENOTSUPP, reason: nope}", "Fail:524:1:nope")]
    [InlineData("{fail: EPROBE_DEFER}", "Defer:0:1:")]
    [InlineData("{defer: 2}", "Defer:0:2:")]
    [InlineData("[ {defer: 1, reason: \"failed to get clock\"}, {fail: -EINVAL}, succeed ]", "Defer:0:1:failed to get clock|Fail:22:1:|Succeed:0:1:")]
    public void Probe_scripts(string probe, string expected)
    {
        var steps = Parse($"drivers: [ {{ compatible: a,b, probe: {probe} }} ]").Drivers[0].Probe!;
        Assert.Equal(expected, string.Join("|", steps.Select(p => $"{p.Kind}:{p.Errno}:{p.Count}:{p.Reason}")));
    }

    [Fact]
    public void Node_entries()
    {
        var s = Parse("""
            nodes:
              - path: /soc/dma@2000000
                driver: acme-dmac2
              - { path: /soc/dma@2100000, driver: none }
              - { path: /soc/serial@4000, as: absent }
              - { path: /soc/pmic@3000, as: module }
              - { path: /soc/pmic@3000, driver: x, as: built-in }
            """);
        Assert.Equal(new ScenarioNodeEntry("/soc/dma@2000000", "acme-dmac2", false, null, new SourceLocation("s.yaml", 2, 11), new SourceLocation("s.yaml", 3, 13)), s.Nodes[0]);
        Assert.Equal((null, true, DriverAvailability.Absent), (s.Nodes[1].Driver, s.Nodes[1].NoDriver, s.Nodes[1].Availability));
        Assert.Equal((null, true, DriverAvailability.Absent), (s.Nodes[2].Driver, s.Nodes[2].NoDriver, s.Nodes[2].Availability));
        Assert.Equal((null, false, DriverAvailability.Module), (s.Nodes[3].Driver, s.Nodes[3].NoDriver, s.Nodes[3].Availability));
        Assert.Equal(("x", false, DriverAvailability.BuiltIn), (s.Nodes[4].Driver, s.Nodes[4].NoDriver, s.Nodes[4].Availability));
    }

    [Fact]
    public void Order_and_actions()
    {
        var s = Parse("""
            order: [acme-smmu, acme-dmac]
            actions:
              - { at: 5, bind: 2000000.dma, driver: acme-dmac }
              - { at: 6, unbind: 2000000.dma }
              - { at: 7, driver-override: 2000000.dma, driver: vfio-platform }
              - { at: 7.5, driver-override: 2000000.dma, driver: "" }
              - { at: 8, load-module: acme_dmac }
            """);
        Assert.Equal(new[] { "acme-smmu", "acme-dmac" }, s.Order.Select(o => o.Name));
        Assert.Equal(new SourceLocation("s.yaml", 1, 20), s.Order[1].Location);
        Assert.Equal(new[]
        {
            new UserAction(5, UserActionKind.Bind, "2000000.dma", "acme-dmac", null, "s.yaml:3:5") { Location = new("s.yaml", 3, 5) },
            new UserAction(6, UserActionKind.Unbind, "2000000.dma", null, null, "s.yaml:4:5") { Location = new("s.yaml", 4, 5) },
            new UserAction(7, UserActionKind.DriverOverride, "2000000.dma", "vfio-platform", null, "s.yaml:5:5") { Location = new("s.yaml", 5, 5) },
            new UserAction(7.5, UserActionKind.DriverOverride, "2000000.dma", null, null, "s.yaml:6:5") { Location = new("s.yaml", 6, 5) },
            new UserAction(8, UserActionKind.LoadModule, null, null, "acme_dmac", "s.yaml:7:5") { Location = new("s.yaml", 7, 5) },
        }, s.Actions);
    }

    [Fact]
    public void Load_reads_a_file()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "board.yaml");
        File.WriteAllText(path, "profile: v5.10\n");
        var s = ScenarioFile.Load(path);
        Assert.Equal(path, s.File);
        Assert.Equal("v5.10", s.Profile);
    }
}
