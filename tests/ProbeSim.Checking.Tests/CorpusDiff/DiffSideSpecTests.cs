using ProbeSim.Checking.CorpusDiff;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Checking.Tests.CorpusDiff;

public class DiffSideSpecTests
{
    [Theory]
    [InlineData("v4.12", "v4.12", null, null)]
    [InlineData("v4.12/", "v4.12", null, null)]
    [InlineData("v4.12/default", "v4.12", null, null)]
    [InlineData("v6.1/debian-bookworm-arm64", "v6.1", "debian-bookworm-arm64", null)]
    [InlineData("v6.6//x.yaml", "v6.6", null, "x.yaml")]
    [InlineData("v6.6/default/scenarios/sub/x.yaml", "v6.6", null, "scenarios/sub/x.yaml")]
    [InlineData("v6.6/debian-bookworm-arm64//abs/x.yaml", "v6.6", "debian-bookworm-arm64", "/abs/x.yaml")]
    public void Splits_on_the_first_two_slashes(string text, string profile, string? kernel, string? config)
    {
        var s = DiffSideSpec.Parse(text, "--a");
        Assert.Equal((text, profile, kernel, config), (s.Text, s.Profile, s.Kernel, s.Config));
    }

    [Theory]
    [InlineData("", "no profile")]
    [InlineData("/debian-bookworm-arm64", "no profile")]
    [InlineData("v4.12/..", "KERNEL must be a directory name")]
    public void Rejects_specs_without_a_profile_or_with_a_path_as_kernel(string text, string message)
    {
        var e = Assert.Throws<DiffException>(() => DiffSideSpec.Parse(text, "--b"));
        Assert.Equal(DiffErrorKind.Usage, e.Kind);
        Assert.StartsWith("--b '" + text + "'", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static DiffSideResolver Resolver() => new(Path.Combine(TestPaths.Shared, "kernels"));

    [Fact]
    public void Resolves_profile_kernel_tables_and_default_driver_set()
    {
        var resolver = Resolver();
        var common = new ProbeSim.Kernel.Boot.BootOptions { Cmdline = "fw_devlink=off" };
        var a = resolver.Resolve(DiffSideSpec.Parse("v4.12-rc1", "--a"), common, "--a");
        var b = resolver.Resolve(DiffSideSpec.Parse("v6.1/debian-bookworm-arm64", "--b"), common, "--b");
        Assert.Equal(("v4.12-rc1", "default", "fw_devlink=off"), (a.Profile, a.Drivers.Name, a.Cmdline));
        Assert.Equal(("v6.1", "debian-bookworm-arm64", "fw_devlink=off"), (b.Profile, b.Drivers.Name, b.Cmdline));
        // the same kernel directory is read once and shared by both sides
        var c = resolver.Resolve(DiffSideSpec.Parse("v6.6/debian-bookworm-arm64", "--a"), common, "--a");
        Assert.Same(b.Drivers, c.Drivers);
        var info = DiffSideResolver.Describe(DiffSideSpec.Parse("v6.1/debian-bookworm-arm64", "--b"), b, "K (arm64)");
        Assert.Equal(new DiffSideInfo("v6.1/debian-bookworm-arm64", "v6.1", "debian-bookworm-arm64", null, "fw_devlink=off", "K (arm64)"), info);
    }

    [Fact]
    public void A_kernel_not_in_the_kernels_directory_is_a_bundled_set_when_the_tool_has_one()
    {
        // --a debian-6.1/debian-6.1: the kernels directory has no debian-6.1, the tool's bundled sets do
        var bundled = Path.Combine(TestPaths.RepoRoot, "kernels", "debian-6.1-arm64");
        var resolver = new DiffSideResolver(Path.Combine(TestPaths.Shared, "kernels"), name => name == "debian-6.1" ? bundled : null);
        var a = resolver.Resolve(DiffSideSpec.Parse("debian-6.1/debian-6.1", "--a"), new(), "--a");
        Assert.Equal(("debian-6.1", "debian-6.1-arm64"), (a.Profile, a.Drivers.Name));
        // the kernels directory still wins, and an unknown name names both places
        var b = resolver.Resolve(DiffSideSpec.Parse("v6.1/debian-bookworm-arm64", "--b"), new(), "--b");
        Assert.Equal("debian-bookworm-arm64", b.Drivers.Name);
        var e = Assert.Throws<DiffException>(() => resolver.Resolve(DiffSideSpec.Parse("v6.1/nope", "--b"), new(), "--b"));
        Assert.Contains("and no bundled driver set of that name", e.Message);
    }

    [Fact]
    public void The_side_profile_wins_over_the_scenario_profile_and_the_scenario_applies()
    {
        var dir = TestPaths.NewTempDir();
        var yaml = Path.Combine(dir, "s.yaml");
        File.WriteAllText(yaml, "profile: v6.6\ncmdline: deferred_probe_timeout=5\n");
        var o = Resolver().Resolve(DiffSideSpec.Parse("v4.19//" + yaml, "--a"), new(), "--a");
        Assert.Equal("v4.19", o.Profile);
        Assert.Equal("deferred_probe_timeout=5", o.Cmdline);
    }

    [Fact]
    public void Unknown_profile_missing_kernel_and_missing_config_are_usage_errors_naming_the_option()
    {
        var r = Resolver();
        var e1 = Assert.Throws<DiffException>(() => r.Resolve(DiffSideSpec.Parse("v9.9", "--a"), new(), "--a"));
        Assert.Equal(DiffErrorKind.Usage, e1.Kind);
        Assert.Contains("--a 'v9.9': unknown profile 'v9.9'", e1.Message);
        var e2 = Assert.Throws<DiffException>(() => r.Resolve(DiffSideSpec.Parse("v6.6/no-such-kernel", "--b"), new(), "--b"));
        Assert.Equal(DiffErrorKind.Usage, e2.Kind);
        Assert.Contains("--b: kernel 'no-such-kernel': no directory", e2.Message);
        var e3 = Assert.Throws<DiffException>(() => r.Resolve(DiffSideSpec.Parse("v6.6//nowhere.yaml", "--b"), new(), "--b"));
        Assert.Equal("--b: nowhere.yaml: No such file or directory", e3.Message);
    }

    [Fact]
    public void A_malformed_scenario_is_an_input_error_naming_the_file()
    {
        var dir = TestPaths.NewTempDir();
        var yaml = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(yaml, "drivers:\n  - { compatible: acme,x, probe: { fail: ENOTANERRNO } }\n");
        var e = Assert.Throws<DiffException>(() => Resolver().Resolve(DiffSideSpec.Parse("v6.6//" + yaml, "--a"), new(), "--a"));
        Assert.Equal(DiffErrorKind.Input, e.Kind);
        Assert.Contains("bad.yaml", e.Message);
    }
}
