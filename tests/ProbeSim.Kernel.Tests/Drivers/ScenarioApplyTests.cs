using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>How a scenario changes its base driver set.</summary>
public class ScenarioApplyTests
{
    private static readonly Lazy<DtTree> Tree = new(() => DefaultDriverSetTests.Compile(DefaultDriverSetTests.Board));

    private static DriverSet Apply(string yaml, IDriverSetSource? baseSource = null) =>
        ScenarioFile.Parse(yaml, "scn.yaml").Over(baseSource ?? new DefaultDriverSet()).Resolve(Tree.Value);

    private static DriverSpec Driver(DriverSet set, string name) => set.Drivers.Single(d => d.Name == name);

    [Fact]
    public void The_result_is_a_named_source()
    {
        var source = ScenarioFile.Parse("", "dir/scn.yaml").Over(new DefaultDriverSet());
        Assert.Equal("default+scn.yaml", source.Name);
        var set = source.Resolve(Tree.Value);
        Assert.Equal("default+scn.yaml", set.Name);
        var plain = new DefaultDriverSet().Resolve(Tree.Value);
        Assert.Equal(plain.Drivers.Select(d => d.Name), set.Drivers.Select(d => d.Name));
        Assert.Equal(plain.Drivers.Select(d => d with { Compatibles = [], AmbaIds = [] }), set.Drivers.Select(d => d with { Compatibles = [], AmbaIds = [] }));
        Assert.Empty(set.NodeOverrides);
        Assert.Empty(set.Actions);
    }

    [Fact]
    public void Absent_marks_the_driver_absent()
    {
        var d = Driver(Apply("drivers: [ { compatible: acme,dmac, as: absent } ]"), "acme-dmac");
        Assert.Equal(DriverAvailability.Absent, d.Availability);
        Assert.Contains("scn.yaml:1:12", d.Origin);
        // absent for a compatible no driver has: nothing to do
        Assert.Equal(9, Apply("drivers: [ { compatible: nobody,x, as: absent } ]").Drivers.Count);
    }

    [Fact]
    public void Unknown_compatibles_get_a_new_driver_at_the_end()
    {
        var set = Apply("""
            drivers:
              - compatible: acme,new
              - { compatible: [acme,z-v2, acme,z], name: zz, as: module, load-at: 4 }
              - { compatible: acme,amba, amba-id: 0x00041011 }
            """);
        Assert.Equal(new[] { "acme-new", "zz", "acme-amba" }, set.Drivers.Skip(9).Select(d => d.Name));
        var n = Driver(set, "acme-new");
        Assert.Equal((DriverBus.Platform, DriverAvailability.BuiltIn, InitcallLevel.Device, (string?)null), (n.Bus, n.Availability, n.Level, n.Module));
        Assert.Equal("scenario scn.yaml:2:5", n.Origin);
        var z = Driver(set, "zz");
        Assert.Equal(new[] { "acme,z-v2", "acme,z" }, z.Compatibles);
        Assert.Equal(("zz", (double?)4), (z.Module, z.LoadAt));
        var a = Driver(set, "acme-amba");
        Assert.Equal(DriverBus.Amba, a.Bus);
        Assert.Equal(new[] { new AmbaId(0x00041011, 0xffffffff) }, a.AmbaIds);
    }

    [Fact]
    public void A_matching_driver_is_changed()
    {
        var set = Apply("""
            module-autoload-at: 2
            drivers:
              - compatible: [acme,dmac-v2, acme,dmac]
                name: acme-dma
                as: module
                initcall: subsys
                async: true
                prevent-deferred-probe: true
                driver-managed-dma: true
                probe: [ {defer: 2, reason: "waiting"}, {fail: ETIMEDOUT} ]
                resources: false
                iommu: register
            """);
        var d = Driver(set, "acme-dma");
        Assert.Equal(2, set.Drivers.ToList().IndexOf(d));
        Assert.Equal(new[] { "acme,dmac", "acme,dmac-v2" }, d.Compatibles);
        Assert.Equal((DriverAvailability.Module, "acme_dma", (double?)2), (d.Availability, d.Module, d.LoadAt));
        Assert.Equal((InitcallLevel.Subsys, true, true, true), (d.Level, d.AsyncProbe, d.PreventDeferredProbe, d.DriverManagedDma));
        Assert.Equal(new[] { new ProbeStep(ProbeStepKind.Defer, 0, 2, "waiting"), new ProbeStep(ProbeStepKind.Fail, 110) }, d.Probe!.Steps);
        Assert.False(d.Probe.RequestResources);
        Assert.True(d.Iommu!.Registers);
        Assert.Equal(2, set.ModuleAutoloadAt);
        Assert.Contains("changed by scenario scn.yaml:3:5", d.Origin);
    }

    [Fact]
    public void Resources_alone_keep_the_default_steps()
    {
        var d = Driver(Apply("drivers: [ { compatible: acme,dmac, resources: false } ]"), "acme-dmac");
        Assert.Equal(new[] { new ProbeStep(ProbeStepKind.Succeed) }, d.Probe!.Steps);
        Assert.False(d.Probe.RequestResources);
        Assert.Null(d.Iommu);
    }

    [Fact]
    public void Order_moves_the_named_drivers_into_their_slots()
    {
        var set = Apply("order: [acme-mmc, ramoops, arm-pl011]");
        Assert.Equal(
            new[] { "acme-board", "acme-mmc", "acme-dmac", "acme-pmic", "acme-pmic-regulator", "ramoops", "arm-sp805", "arm-pl011", "acme-mystery" },
            set.Drivers.Select(d => d.Name));
    }

    [Fact]
    public void Nodes_become_overrides()
    {
        var set = Apply("""
            drivers: [ { compatible: acme,dmac2 } ]
            nodes:
              - { path: /soc/dma@2000000, driver: acme-dmac2 }
              - { path: /soc/dma@2100000, driver: none }
              - { path: /soc/pmic@3000, as: module }
            """);
        Assert.Equal(3, set.NodeOverrides.Count);
        Assert.Equal(new NodeOverride("/soc/dma@2000000", Driver(set, "acme-dmac2"), null), set.NodeOverrides[0]);
        Assert.Equal(new NodeOverride("/soc/dma@2100000", null, DriverAvailability.Absent), set.NodeOverrides[1]);
        Assert.Equal(new NodeOverride("/soc/pmic@3000", null, DriverAvailability.Module), set.NodeOverrides[2]);
    }

    [Fact]
    public void Actions_and_top_level_switches_pass_through()
    {
        var set = Apply("""
            modules: false
            actions:
              - { at: 6, unbind: 2000000.dma }
            """);
        Assert.False(set.Modules);
        Assert.Equal(new UserAction(6, UserActionKind.Unbind, "2000000.dma", null, null, "scn.yaml:3:5") { Location = new("scn.yaml", 3, 5) }, Assert.Single(set.Actions));
    }

    [Fact]
    public void Scenarios_stack()
    {
        var inner = ScenarioFile.Parse("drivers: [ { compatible: acme,dmac, as: module } ]\nactions: [ { at: 1, load-module: acme_dmac } ]", "a.yaml").Over(new DefaultDriverSet());
        var outer = ScenarioFile.Parse("drivers: [ { compatible: acme,dmac, load-at: 9 } ]\nactions: [ { at: 2, unbind: x } ]", "b.yaml").Over(inner);
        var set = outer.Resolve(Tree.Value);
        Assert.Equal("default+a.yaml+b.yaml", set.Name);
        Assert.Equal((DriverAvailability.Module, (double?)9), (Driver(set, "acme-dmac").Availability, Driver(set, "acme-dmac").LoadAt));
        Assert.Equal(2, set.Actions.Count);
    }

    [Fact]
    public void Over_the_debian_tables()
    {
        var tables = new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64"));
        var set = Apply("""
            module-autoload-at: 3
            drivers:
              - { compatible: arm,pl011, as: module }
              - { compatible: ad,ad7414, load-at: never }
              - { compatible: acme,dmac }
            """, tables);
        // arm,pl011 is in no OF table: the entry finds uart-pl011 by the part number's periphid
        var pl011 = Driver(set, "uart-pl011");
        Assert.Equal((DriverAvailability.Module, "uart_pl011", (double?)3), (pl011.Availability, pl011.Module, pl011.LoadAt));
        Assert.Contains("arm,pl011", pl011.Compatibles);
        Assert.Null(Driver(set, "ad7414").LoadAt);
        Assert.Equal(3, Driver(set, "armmmci").LoadAt);
        Assert.Equal(tables.Drivers.Count + 1, set.Drivers.Count);
        Assert.Equal("acme-dmac", set.Drivers[^1].Name);
        Assert.Same(tables.EarlyTables, set.EarlyTables);
    }
}
