using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>remote-endpoint: nearest compatible ancestors (~v5.13..v6.8) versus port parents (v6.9+).</summary>
public class OfFwnodeSuppliersGraphTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            compatible = "test,board";
            bridge {
                compatible = "v,bridge";
                out {
                    port { bridge_out: endpoint { remote-endpoint = <&conn_in>; }; };
                };
            };
            connector {
                compatible = "hdmi-connector";
                ports {
                    port@0 { conn_in: endpoint { remote-endpoint = <&bridge_out>; }; };
                };
            };
            lost {
                compatible = "v,lost";
                port { endpoint { remote-endpoint = <0x999>; }; };
            };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    private static OfSupplierRef One(string path, string binding) =>
        Assert.Single(OfFwnodeSuppliers.Parse(N(path), new HashSet<string> { binding }, FwDevlinkBindings.Optional, strict: false));

    [Fact]
    public void Compat_variant_uses_nearest_compatible_ancestors()
    {
        var r = One("/bridge/out/port/endpoint", FwDevlinkBindings.RemoteEndpointCompat);
        Assert.Same(N("/bridge"), r.Consumer);
        Assert.Same(N("/connector"), r.Supplier);
        Assert.Equal("remote-endpoint", r.Property);

        var back = One("/connector/ports/port@0/endpoint", FwDevlinkBindings.RemoteEndpointCompat);
        Assert.Same(N("/connector"), back.Consumer);
        Assert.Same(N("/bridge"), back.Supplier);
    }

    [Fact]
    public void Port_parent_variant_uses_the_nodes_owning_the_ports()
    {
        var r = One("/bridge/out/port/endpoint", FwDevlinkBindings.RemoteEndpointPortParent);
        Assert.Same(N("/bridge/out"), r.Consumer);
        Assert.Same(N("/connector"), r.Supplier);

        var back = One("/connector/ports/port@0/endpoint", FwDevlinkBindings.RemoteEndpointPortParent);
        Assert.Same(N("/connector"), back.Consumer);
        Assert.Same(N("/bridge/out"), back.Supplier);
    }

    [Fact]
    public void A_dangling_remote_endpoint_links_nothing()
    {
        foreach (var set in new[] { FwDevlinkBindings.V6_6, FwDevlinkBindings.V6_12 })
            Assert.Empty(OfFwnodeSuppliers.Parse(N("/lost/port/endpoint"), set, FwDevlinkBindings.Optional, strict: true));
    }

    [Fact]
    public void Versions_pick_their_variant()
    {
        var old = Assert.Single(OfFwnodeSuppliers.Parse(N("/bridge/out/port/endpoint"), FwDevlinkBindings.V6_6, FwDevlinkBindings.Optional, false));
        Assert.Same(N("/bridge"), old.Consumer);
        var now = Assert.Single(OfFwnodeSuppliers.Parse(N("/bridge/out/port/endpoint"), FwDevlinkBindings.V6_12, FwDevlinkBindings.Optional, false));
        Assert.Same(N("/bridge/out"), now.Consumer);
        Assert.Empty(OfFwnodeSuppliers.Parse(N("/bridge/out/port/endpoint"), FwDevlinkBindings.V5_10, FwDevlinkBindings.Optional, false));
    }
}
