using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Kernel.Tests.Profiles;

/// <summary>
/// SwitchCatalog declares each switch once: the words of a choice and the typed values they decode to are one table,
/// so every word decodes, to a value of its own, and a word the table lacks is an error instead of a default.
/// </summary>
public class SwitchTableTests
{
    public static TheoryData<string> ChoiceSwitches() => new(SwitchCatalog.All.Where(s => s.Kind == SwitchKind.Choice).Select(s => s.Name));

    public static TheoryData<string> Profiles() => new(ProfileLibrary.Default.Profiles.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(ChoiceSwitches))]
    public void Every_word_of_a_choice_decodes_to_a_value_of_its_own(string name)
    {
        var sw = SwitchCatalog.Find(name)!;
        Assert.True(sw.Values!.Count >= 2);
        Assert.Equal(sw.Values.Count, sw.Values.Distinct(StringComparer.Ordinal).Count());
        var decoded = sw.Values.Select(sw.DecodeBoxed).ToList();
        Assert.All(decoded, Assert.NotNull);
        Assert.Equal(sw.Values.Count, decoded.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ChoiceSwitches))]
    public void A_word_the_table_lacks_is_an_error_naming_the_switch_and_the_word(string name)
    {
        var sw = SwitchCatalog.Find(name)!;
        var e = Assert.Throws<ProfileException>(() => sw.DecodeBoxed("no-such-word"));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("'no-such-word'", e.Message);
    }

    [Fact]
    public void A_bad_bool_int_or_binding_is_an_error_too()
    {
        Assert.Throws<ProfileException>(() => SwitchCatalog.DeviceLinks.Decode("maybe"));
        Assert.Throws<ProfileException>(() => SwitchCatalog.DeferredProbeTimeout.Decode("ten"));
        var e = Assert.Throws<ProfileException>(() => SwitchCatalog.FwDevlinkBindings.Decode("clocks no-such-binding"));
        Assert.Contains("'fw_devlink_bindings'", e.Message);
    }

    [Fact]
    public void Int_none_is_null_and_lists_split_as_the_catalog_says()
    {
        Assert.Null(SwitchCatalog.IommuStreamIdBits.Decode("none"));
        Assert.Equal(-1, SwitchCatalog.DeferredProbeTimeout.Decode("-1"));
        // binding lists also take commas; other lists only spaces (compatibles contain commas)
        Assert.Equal(new[] { "clocks", "iommus" }, SwitchCatalog.FwDevlinkBindings.Decode("clocks,iommus"));
        Assert.Equal(new[] { "qcom,smem" }, SwitchCatalog.ReservedMemoryDevices.Decode("qcom,smem"));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_profile_holds_a_word_of_every_switch(string profile)
    {
        var p = ProfileLibrary.Default.Get(profile);
        foreach (var sw in SwitchCatalog.All)
        {
            var value = p[sw.Name];
            Assert.Equal(value, sw.Normalise(value));
            if (sw.Kind == SwitchKind.Choice) Assert.Contains(value, sw.Values!);
            var ex = Record.Exception(() => sw.DecodeBoxed(value));
            Assert.True(ex is null, $"{profile}: {sw.Name}={value}: {ex?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(ChoiceSwitches))]
    public void Every_word_of_a_choice_can_be_set_on_every_profile(string name)
    {
        var sw = SwitchCatalog.Find(name)!;
        foreach (var p in ProfileLibrary.Default.Profiles)
            foreach (var word in sw.Values!)
                Assert.Equal(word, p.With(new[] { KeyValuePair.Create(name, word) })[name]);
    }

    [Fact]
    public void Catalog_names_are_unique_and_found_with_dashes()
    {
        Assert.Equal(SwitchCatalog.All.Count, SwitchCatalog.All.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Same(SwitchCatalog.SmmuV3StreamIds, SwitchCatalog.Find("smmu-v3-stream-ids"));
    }

    [Fact]
    public void Settings_that_were_strings_are_typed()
    {
        // link_check_reason was compared as a string in the driver core, probe_return as a word in the decoder
        static ProfileSettings With(string name, string word) => ProfileLibrary.Default.Get("v6.6").With(new[] { KeyValuePair.Create(name, word) }).Settings;
        Assert.Equal(LinkCheckReason.None, With("link_check_reason", "none").LinkCheckReason);
        Assert.Equal(LinkCheckReason.NodeName, With("link_check_reason", "node-name").LinkCheckReason);
        Assert.Equal(LinkCheckReason.FullPath, With("link_check_reason", "full-path").LinkCheckReason);
        Assert.True(With("probe_return", "errno").ProbeReturnsErrno);
        Assert.False(With("probe_return", "zero").ProbeReturnsErrno);
    }
}
