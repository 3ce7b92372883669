using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>of_get_compat_node and of_graph_get_port_parent.</summary>
public class OfCompatNodeTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            compatible = "test,board";
            dev {
                compatible = "v,dev";
                sub { leaf { }; };
                ports { port@0 { reg = <0>; ep0: endpoint { remote-endpoint = <&ep1>; }; }; };
            };
            other {
                compatible = "v,other";
                port { ep1: endpoint { remote-endpoint = <&ep0>; }; };
            };
            off {
                compatible = "v,off";
                status = "disabled";
                inner { x { }; };
            };
            plain { inner { }; };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    [Fact]
    public void The_node_itself_counts_when_it_has_a_compatible()
    {
        Assert.Same(N("/dev"), OfCompatNode.NearestCompatibleAncestor(N("/dev")));
        Assert.Same(N("/dev"), OfCompatNode.NearestCompatibleAncestor(N("/dev/sub/leaf")));
    }

    [Fact]
    public void The_root_ends_the_walk_and_an_unavailable_node_gives_nothing()
    {
        Assert.Same(Tree.Root, OfCompatNode.NearestCompatibleAncestor(N("/plain/inner")));
        Assert.Null(OfCompatNode.NearestCompatibleAncestor(N("/off/inner/x")));
        Assert.Null(OfCompatNode.NearestCompatibleAncestor(N("/off")));
    }

    [Fact]
    public void Port_parent_skips_a_ports_node()
    {
        Assert.Same(N("/dev"), OfGraph.GetPortParent(N("/dev/ports/port@0/endpoint")));
        Assert.Same(N("/other"), OfGraph.GetPortParent(N("/other/port/endpoint")));
        Assert.Same(N("/other"), OfGraph.GetRemotePortParent(N("/dev/ports/port@0/endpoint")));
        Assert.Same(N("/dev/ports/port@0/endpoint"), OfGraph.GetRemoteEndpoint(N("/other/port/endpoint")));
    }
}
