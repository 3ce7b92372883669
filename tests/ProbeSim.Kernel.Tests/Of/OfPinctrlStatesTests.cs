using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Of;

namespace ProbeSim.Kernel.Tests.Of;

/// <summary>pinctrl_dt_to_map: states, their names and their pin configuration nodes.</summary>
public class OfPinctrlStatesTests
{
    private static DtTree Compile(string body) => TestDts.Compile(body);

    private static readonly DtTree Tree = Compile("""
        / {
            pinctrl {
                a: a { };
                b: b { };
            };
            named { pinctrl-names = "default", "sleep"; pinctrl-0 = <&a &b>; pinctrl-1 = <&b>; };
            unnamed { pinctrl-0 = <&a>; pinctrl-1; };
            gap { pinctrl-0 = <&a>; pinctrl-2 = <&b>; };
            broken { pinctrl-names = "default", "sleep", "idle"; pinctrl-0 = <&a>; pinctrl-1 = <&b 0x999 &a>; pinctrl-2 = <&a>; };
            none { };
        };
        """);

    private static DtNode N(string path) => Tree.FindByPath(path)!;

    [Fact]
    public void States_take_their_names_from_pinctrl_names()
    {
        var s = OfResources.PinctrlStates(N("/named"));
        Assert.Equal(new[] { "default", "sleep" }, s.Select(x => x.Name));
        Assert.Equal(new[] { "/pinctrl/a", "/pinctrl/b" }, s[0].Configs.Select(c => c.Path));
        Assert.Equal(new[] { 0, 1 }, s.Select(x => x.Index));
        Assert.All(s, x => Assert.Empty(x.Errors));
    }

    [Fact]
    public void Without_names_the_state_is_its_number_and_an_empty_state_is_kept()
    {
        var s = OfResources.PinctrlStates(N("/unnamed"));
        Assert.Equal(new[] { "0", "1" }, s.Select(x => x.Name));
        Assert.Empty(s[1].Configs);
    }

    [Fact]
    public void States_stop_at_the_first_missing_number()
    {
        Assert.Single(OfResources.PinctrlStates(N("/gap")));
        Assert.Empty(OfResources.PinctrlStates(N("/none")));
    }

    [Fact]
    public void An_invalid_phandle_fails_and_ends_the_parse()
    {
        var s = OfResources.PinctrlStates(N("/broken"));
        Assert.Equal(2, s.Count);
        Assert.Equal("sleep", s[1].Name);
        Assert.Equal(new[] { "/pinctrl/b" }, s[1].Configs.Select(c => c.Path));
        Assert.Equal("/broken: prop pinctrl-1 index 1 invalid phandle", Assert.Single(s[1].Errors));
    }
}
