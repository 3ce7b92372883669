using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>of_parse_phandle_with_args and its iterator: cells from the provider, empty slots, dangling phandles, short lists.</summary>
public class OfPhandleArgsTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            one: one { #clock-cells = <1>; };
            zero: zero { #clock-cells = <0>; };
            two: two { #clock-cells = <2>; };
            bare: bare { };
            c {
                clocks = <&one 7>, <&zero>, <&two 1 2>;
                holes = <0>, <&one 5>, <0>, <&zero>;
                dangling = <&one 1>, <0x999 3>, <&zero>;
                short = <&two 1>;
                nocells = <&one 1>, <&bare 4>;
                plain = <&one &bare 0x999 &zero>;
            };
        };
        """);

    private static DtNode C => Tree.FindByPath("/c")!;

    [Fact]
    public void Each_slot_takes_its_providers_cell_count()
    {
        var e = OfPhandleArgs.Parse(C, "clocks", "#clock-cells");
        Assert.Equal(new[] { "/one", "/zero", "/two" }, e.Select(x => x.Provider!.Path));
        Assert.Equal(new[] { 0, 1, 2 }, e.Select(x => x.Index));
        Assert.Equal(new uint[] { 7 }, e[0].Args);
        Assert.Empty(e[1].Args);
        Assert.Equal(new uint[] { 1, 2 }, e[2].Args);
        Assert.All(e, x => Assert.True(x.IsResolved));
    }

    [Fact]
    public void Empty_slots_are_skipped_but_keep_their_index()
    {
        var e = OfPhandleArgs.Parse(C, "holes", "#clock-cells");
        Assert.Equal(new[] { 1, 3 }, e.Select(x => x.Index));
        Assert.Null(OfPhandleArgs.ParseAt(C, "holes", "#clock-cells", 0));
        Assert.Equal("/zero", OfPhandleArgs.ParseAt(C, "holes", "#clock-cells", 3)!.Provider!.Path);
    }

    [Fact]
    public void A_dangling_phandle_is_an_error_that_ends_the_list()
    {
        var e = OfPhandleArgs.Parse(C, "dangling", "#clock-cells");
        Assert.Equal(2, e.Count);
        Assert.True(e[0].IsResolved);
        Assert.Null(e[1].Provider);
        Assert.Contains("could not find phandle 2457", e[1].Error);
        // any later index fails with the same error, as __of_parse_phandle_with_args does
        Assert.Contains("could not find phandle", OfPhandleArgs.ParseAt(C, "dangling", "#clock-cells", 2)!.Error);
    }

    [Fact]
    public void Arguments_past_the_end_are_an_error()
    {
        var e = Assert.Single(OfPhandleArgs.Parse(C, "short", "#clock-cells"));
        Assert.Equal("/c: #clock-cells = 2 found 1", e.Error);
        Assert.False(e.IsResolved);
    }

    [Fact]
    public void A_provider_without_the_cells_property_fails_unless_a_fallback_count_is_given()
    {
        var strict = OfPhandleArgs.Parse(C, "nocells", "#clock-cells");
        Assert.Equal(2, strict.Count);
        Assert.Equal("/c: could not get #clock-cells for /bare", strict[1].Error);

        var lenient = OfPhandleArgs.Parse(C, "nocells", "#clock-cells", 0);
        Assert.Equal(3, lenient.Count);
        Assert.Equal("/bare", lenient[1].Provider!.Path);
        Assert.Equal(4u, lenient[2].Phandle);
    }

    [Fact]
    public void Fixed_count_lists_go_on_past_a_dangling_phandle()
    {
        var e = OfPhandleArgs.ParseFixed(C, "plain", 0);
        Assert.Equal(new[] { 0, 1, 2, 3 }, e.Select(x => x.Index));
        Assert.Null(e[2].Provider);
        Assert.NotNull(e[2].Error);
        Assert.Equal("/zero", e[3].Provider!.Path);
        Assert.Equal("/bare", OfPhandleArgs.ParsePhandle(C, "plain", 1)!.Provider!.Path);
    }

    [Fact]
    public void A_missing_property_or_index_gives_nothing()
    {
        Assert.Empty(OfPhandleArgs.Parse(C, "nope", "#clock-cells"));
        Assert.Null(OfPhandleArgs.ParseAt(C, "clocks", "#clock-cells", 3));
        Assert.Null(OfPhandleArgs.ParseAt(C, "clocks", "#clock-cells", -1));
        Assert.Null(OfPhandleArgs.ParsePhandle(C, "nope"));
    }
}
