using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Tests.Profiles;

/// <summary>profiles.yaml: a list whose items all start with + or - edits the list the profile inherits.</summary>
public class ProfileListEditTests
{
    static string Yaml(string childList)
    {
        // a complete base profile (every switch from the real v4.2), then a child that edits one list
        var lines = new List<string> { "base:", "  description: \"b\"", "  switches:" };
        foreach (var (name, value) in ProfileLibrary.Default.Get("v4.2").Values)
        {
            var sw = SwitchCatalog.Find(name)!;
            lines.Add(sw.Kind == SwitchKind.List
                ? $"    {name}: [{string.Join(", ", sw.SplitList(value).Select(v => $"\"{v}\""))}]"
                : $"    {name}: \"{value}\"");
        }
        lines.Add("child:\n  from: base\n  description: \"c\"\n  switches:\n    of_populating_drivers: " + childList);
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void Plus_appends_and_minus_removes_from_the_inherited_list()
    {
        var lib = ProfileLibrary.Parse(Yaml("[\"+acme,bus\", \"-fsl,sec-v4.0\"]"));
        Assert.Equal("simple-pm-bus google,cros-ec-spi google,cros-ec-i2c acme,bus", lib.Get("child")["of_populating_drivers"]);
        Assert.Equal("simple-pm-bus google,cros-ec-spi google,cros-ec-i2c fsl,sec-v4.0", lib.Get("base")["of_populating_drivers"]);
    }

    [Fact]
    public void A_plain_list_replaces_it()
    {
        var lib = ProfileLibrary.Parse(Yaml("[\"acme,bus\"]"));
        Assert.Equal("acme,bus", lib.Get("child")["of_populating_drivers"]);
    }

    [Theory]
    [InlineData("[\"-acme,absent\"]", "has no item 'acme,absent' to remove")]
    [InlineData("[\"+acme,bus\", \"simple-pm-bus\"]", "mixes +/- edits with plain items")]
    public void A_bad_edit_names_the_line(string list, string message)
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLibrary.Parse(Yaml(list)));
        Assert.Contains("profiles.yaml:", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_bundled_profiles_list_every_addition_once()
    {
        // v6.18 (of_populating_drivers edited six times along the chain) holds the whole list, in history order
        Assert.EndsWith("google,cros-ec-uart fsl,imx8mp-aipstz", ProfileLibrary.Default.Get("v6.18")["of_populating_drivers"]);
        Assert.StartsWith("simple-pm-bus google,cros-ec-spi", ProfileLibrary.Default.Get("v6.18")["of_populating_drivers"]);
    }
}
