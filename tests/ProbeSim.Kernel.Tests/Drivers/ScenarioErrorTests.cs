using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>Every scenario error names the exact line and column of the offending key or value.</summary>
public class ScenarioErrorTests
{
    private static void ParseFails(string yaml, int line, int column, string reasonPart)
    {
        var ex = Assert.Throws<ScenarioException>(() => ScenarioFile.Parse(yaml, "bad.yaml"));
        Check(ex, line, column, reasonPart);
    }

    private static void ResolveFails(string yaml, int line, int column, string reasonPart)
    {
        var scenario = ScenarioFile.Parse(yaml, "bad.yaml");
        var tree = DefaultDriverSetTests.Compile(DefaultDriverSetTests.Board);
        var ex = Assert.Throws<ScenarioException>(() => scenario.Over(new DefaultDriverSet()).Resolve(tree));
        Check(ex, line, column, reasonPart);
    }

    private static void Check(ScenarioException ex, int line, int column, string reasonPart)
    {
        Assert.Equal(new SourceLocation("bad.yaml", line, column), ex.Location);
        Assert.Contains(reasonPart, ex.Reason);
        Assert.Equal($"bad.yaml:{line}:{column}: error: {ex.Reason}", ex.Message);
    }

    [Theory]
    [InlineData("profile: v6.6\nprofiles: x\n", 2, 1, "unknown key 'profiles' in scenario file")]
    [InlineData("drivers:\n  - compatible: a,b\n    nmae: x\n", 3, 5, "unknown key 'nmae' in drivers entry")]
    [InlineData("nodes:\n  - { path: /a, drvier: x }\n", 2, 17, "unknown key 'drvier' in nodes entry")]
    [InlineData("actions:\n  - { at: 1, bnid: x }\n", 2, 14, "unknown key 'bnid' in actions entry")]
    [InlineData("drivers: [ { compatible: a,b, probe: {fial: EIO} } ]\n", 1, 39, "unknown key 'fial' in probe step")]
    public void Unknown_keys(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("- a\n- b\n", 1, 1, "a scenario file must be a mapping")]
    [InlineData("drivers: { compatible: a,b }\n", 1, 10, "drivers must be a list")]
    [InlineData("drivers:\n  - compatible: a,b\n    name: [x]\n", 3, 11, "name must be a single value, not a list")]
    [InlineData("set: [a]\n", 1, 6, "set must be a mapping")]
    [InlineData("set: { a: { b: c } }\n", 1, 11, "set value of a must be a single value, not a mapping")]
    [InlineData("modules: yes\n", 1, 10, "modules must be true or false, not 'yes'")]
    [InlineData("drivers:\n  - { compatible: a,b, async: 1 }\n", 2, 31, "async must be true or false")]
    [InlineData("profile:\n", 1, 9, "profile needs a value")]
    [InlineData("order: [a, {b: c}]\n", 1, 12, "a driver name must be a single value, not a mapping")]
    [InlineData("drivers:\n  - a,b\n", 2, 5, "a drivers entry must be a mapping")]
    [InlineData("drivers:\n  - compatible: []\n", 2, 17, "compatible must not be an empty list")]
    public void Wrong_types(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {fail: EFOO}\n", 3, 19, "unknown errno 'EFOO'")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: [succeed, {fail: -99999}]\n", 3, 29, "errno -99999 is out of range (1..4095")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: fail\n", 3, 12, "fail needs an errno")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: explode\n", 3, 12, "unknown probe step 'explode'")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {defer: 0}\n", 3, 20, "defer must be at least 1")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {defer: 1, fail: EIO}\n", 3, 23, "either fail or defer")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: {reason: x}\n", 3, 12, "needs fail or defer")]
    [InlineData("drivers:\n  - compatible: a,b\n    probe: []\n", 3, 12, "probe must not be an empty list")]
    [InlineData("drivers:\n  - compatible: a,b\n    initcall: module\n", 3, 15, "unknown initcall level 'module'")]
    [InlineData("drivers:\n  - compatible: a,b\n    as: builtin\n", 3, 9, "unknown as 'builtin'")]
    [InlineData("drivers:\n  - compatible: a,b\n    bus: usb\n", 3, 10, "unknown bus 'usb'")]
    [InlineData("drivers:\n  - compatible: a,b\n    iommu: maybe\n", 3, 12, "unknown iommu 'maybe'")]
    [InlineData("drivers:\n  - compatible: a,b\n    amba-id: 0xZZ\n", 3, 14, "amba-id must be a 32-bit number")]
    [InlineData("drivers:\n  - compatible: a,b\n    amba-mask: 0xff\n", 3, 5, "amba-mask needs amba-id")]
    [InlineData("drivers:\n  - compatible: a,b\n    bus: platform\n    amba-id: 1\n", 4, 5, "amba-id on a platform driver")]
    [InlineData("drivers:\n  - name: x\n", 2, 5, "a drivers entry needs compatible")]
    [InlineData("drivers:\n  - compatible: a,b\n    as: built-in\n    module: x\n", 4, 5, "module is only for as: module")]
    [InlineData("drivers:\n  - compatible: a,b\n    as: absent\n    load-at: 1\n", 4, 5, "load-at is only for as: module")]
    public void Bad_driver_values(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("module-autoload-at: -1\n", 1, 21, "module-autoload-at must not be negative")]
    [InlineData("module-autoload-at: soon\n", 1, 21, "must be a number of seconds or never")]
    [InlineData("drivers:\n  - { compatible: a,b, as: module, load-at: -0.5 }\n", 2, 45, "load-at must not be negative")]
    [InlineData("actions:\n  - { at: -2, unbind: x }\n", 2, 11, "at must not be negative")]
    [InlineData("actions:\n  - { at: never, unbind: x }\n", 2, 11, "at must be a number of seconds, not 'never'")]
    [InlineData("actions:\n  - { at: .inf, unbind: x }\n", 2, 11, "at must be a number of seconds")]
    public void Bad_times(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("actions:\n  - { unbind: x }\n", 2, 5, "an action needs at")]
    [InlineData("actions:\n  - { at: 1, driver: d }\n", 2, 5, "needs one of bind, unbind")]
    [InlineData("actions:\n  - { at: 1, bind: x, unbind: x }\n", 2, 23, "exactly one of")]
    [InlineData("actions:\n  - { at: 1, bind: x }\n", 2, 5, "bind needs a driver")]
    [InlineData("actions:\n  - { at: 1, load-module: m, driver: d }\n", 2, 30, "load-module takes no driver")]
    [InlineData("nodes:\n  - { driver: x }\n", 2, 5, "a nodes entry needs path")]
    [InlineData("nodes:\n  - { path: /a }\n", 2, 5, "needs driver or as")]
    [InlineData("nodes:\n  - { path: soc/a, as: absent }\n", 2, 13, "must be a full DT path")]
    [InlineData("nodes:\n  - { path: /a, driver: x, as: absent }\n", 2, 28, "as: absent contradicts driver: x")]
    [InlineData("nodes:\n  - { path: /a, driver: none, as: module }\n", 2, 31, "driver: none contradicts")]
    [InlineData("order: [a, b, a]\n", 1, 15, "driver 'a' is listed twice in order")]
    public void Bad_actions_nodes_and_order(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("profile: v6.6\nprofile: v6.1\n", 2, 1, "Duplicate key")]
    [InlineData("drivers: [ { compatible: a,b }\n", 2, 1, "")]
    [InlineData("a: b\n  c: d\n", 2, 4, "")]
    [InlineData("profile: x\n---\nprofile: y\n", 3, 1, "one YAML document")]
    public void Yaml_syntax_errors(string yaml, int line, int column, string reason) => ParseFails(yaml, line, column, reason);

    [Theory]
    [InlineData("nodes:\n  - { path: /soc/nope, driver: none }\n", 2, 13, "no node /soc/nope in this device tree")]
    [InlineData("nodes:\n  - { path: /soc/dma@2000000, driver: nobody }\n", 2, 39, "unknown driver 'nobody'")]
    [InlineData("order:\n  - acme-dmac\n  - nobody\n", 3, 5, "order names unknown driver 'nobody'")]
    [InlineData("drivers:\n  - compatible: acme,dmac\n    module: x\n", 3, 5, "module is only for a module driver (acme-dmac is built-in)")]
    [InlineData("drivers:\n  - compatible: acme,dmac\n    load-at: 2\n", 3, 5, "load-at is only for a module driver")]
    [InlineData("drivers:\n  - compatible: acme,dmac\n    amba-id: 2\n", 3, 5, "amba-id on acme-dmac, which is not an AMBA driver")]
    public void Resolve_time_errors(string yaml, int line, int column, string reason) => ResolveFails(yaml, line, column, reason);
}
