using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Parses a scenario <c>probe:</c> value into probe steps:
/// <c>succeed</c>, <c>defer</c> (one attempt), <c>{fail: EIO}</c> (errno as EIO, -EIO, 5 or -5; stored positive),
/// <c>{defer: N}</c> (N ≥ 1 attempts), either with an optional <c>reason: "..."</c>, or a non-empty list of those.
/// <c>{fail: EPROBE_DEFER}</c> is a deferral (what really_probe does with -EPROBE_DEFER).
/// </summary>
internal static class ScenarioProbeParser
{
    private static readonly string[] StepKeys = { "fail", "defer", "reason" };

    public static IReadOnlyList<ProbeStep> Parse(ScenarioYaml yaml, YamlNode node)
    {
        if (node is not YamlSequenceNode seq) return new[] { Step(yaml, node) };
        if (seq.Children.Count == 0) throw yaml.Error(node, "probe must not be an empty list");
        return seq.Children.Select(c => c is YamlSequenceNode
            ? throw yaml.Error(c, "a probe step must be succeed, defer, {fail: ERRNO} or {defer: N}, not a list")
            : Step(yaml, c)).ToArray();
    }

    private static ProbeStep Step(ScenarioYaml yaml, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return yaml.Scalar(node, "probe step") switch
            {
                "succeed" => new ProbeStep(ProbeStepKind.Succeed),
                "defer" => new ProbeStep(ProbeStepKind.Defer),
                "fail" => throw yaml.Error(node, "fail needs an errno: {fail: EIO}"),
                var s => throw yaml.Error(node, $"unknown probe step '{s}' (expected succeed, defer, {{fail: ERRNO}} or {{defer: N}})"),
            };
        }
        var map = yaml.Mapping(node, "a probe step");
        ProbeStep? step = null;
        string? reason = null;
        foreach (var (key, keyNode, value) in yaml.Entries(map, "probe step", StepKeys))
        {
            if (key == "reason")
            {
                reason = yaml.Scalar(value, "reason");
                continue;
            }
            if (step is not null) throw yaml.Error(keyNode, "a probe step has either fail or defer, not both");
            if (key == "defer")
            {
                step = new ProbeStep(ProbeStepKind.Defer, Count: yaml.Int(value, "defer", 1));
                continue;
            }
            var text = yaml.Scalar(value, "fail");
            if (!Errno.TryParse(text, out var errno))
            {
                var digits = text.TrimStart('-');
                throw yaml.Error(value, digits.Length > 0 && digits.All(char.IsAsciiDigit)
                    ? $"errno {text} is out of range (1..{Errno.MaxErrno}, with or without '-')"
                    : $"unknown errno '{text}'");
            }
            step = errno == Errno.EPROBE_DEFER
                ? new ProbeStep(ProbeStepKind.Defer)
                : new ProbeStep(ProbeStepKind.Fail, errno);
        }
        if (step is null) throw yaml.Error(node, "a probe step needs fail or defer");
        return step with { Reason = reason };
    }
}
