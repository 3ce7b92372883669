using System.Text;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Model;

/// <summary>
/// A node's path and a property's string list are kept once computed; every change of the tree that can alter them
/// must show at once (a stale path or compatible would be a silently wrong answer).
/// </summary>
public class ModelCacheTests
{
    private static DtTree Tree() => DtsCompiler.Compile("""
        /dts-v1/;
        / {
            soc { bus@1000 { dev@10 { compatible = "vendor,a", "vendor,b"; }; }; };
            other { };
        };
        """, "cache.dts", new DtsCompileOptions()).Tree;

    [Fact]
    public void A_renamed_or_moved_ancestor_changes_the_path_of_every_descendant()
    {
        var tree = Tree();
        var bus = tree.FindByPath("/soc/bus@1000")!;
        var dev = bus.GetChild("dev@10")!;
        Assert.Equal("/soc/bus@1000/dev@10", dev.Path);

        bus.Name = "bus@2000";
        Assert.Equal("/soc/bus@2000/dev@10", dev.Path);

        var soc = tree.FindByPath("/soc")!;
        soc.RemoveChild(bus);
        tree.FindByPath("/other")!.AddChild(bus);
        Assert.Equal("/other/bus@2000/dev@10", dev.Path);
        Assert.Equal("/other/bus@2000", bus.Path);
    }

    [Fact]
    public void A_path_deeper_than_the_cache_keeps_is_still_right()
    {
        var root = new DtNode("");
        var n = root;
        for (int i = 0; i < 300; i++) n = n.AddChild(new DtNode($"n{i}"));
        var expected = string.Concat(Enumerable.Range(0, 300).Select(i => $"/n{i}"));
        Assert.Equal(expected, n.Path);
    }

    [Fact]
    public void A_new_value_or_an_in_place_write_gives_the_new_strings()
    {
        var dev = Tree().FindByPath("/soc/bus@1000/dev@10")!;
        Assert.Equal(new[] { "vendor,a", "vendor,b" }, dev.Compatible);

        dev.SetProperty("compatible", Encoding.ASCII.GetBytes("vendor,c\0"));
        Assert.Equal(new[] { "vendor,c" }, dev.Compatible);

        var p = dev.GetProperty("compatible")!;
        p.Value = Encoding.ASCII.GetBytes("x\0y\0");
        Assert.Equal(new[] { "x", "y" }, p.AsStringList());
    }

    [Fact]
    public void A_phandle_written_in_place_by_the_compiler_is_seen_by_a_later_read()
    {
        // the reference is resolved by writing the target's phandle into the property's bytes
        var tree = DtsCompiler.Compile("""
            /dts-v1/;
            / { a: a { }; b { p = <&a>; }; };
            """, "ph.dts", new DtsCompileOptions()).Tree;
        var p = tree.FindByPath("/b")!.GetProperty("p")!;
        Assert.Equal(tree.FindByPath("/a")!.Phandle, p.GetU32());
    }
}
