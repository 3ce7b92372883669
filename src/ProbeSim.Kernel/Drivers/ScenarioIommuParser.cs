using System.Collections.Frozen;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Parses a driver's <c>iommu:</c> value: <c>register</c> / <c>no-register</c>, or a mapping with <c>register</c>,
/// <c>context-banks</c>, <c>group</c> (per-device, per-instance, stream-id), <c>of-xlate</c>, <c>of-declare</c>,
/// <c>identity</c>, <c>identity-clients</c>, <c>shared-arm-mapping</c>, <c>stream-id-bits</c>.
/// </summary>
internal static class ScenarioIommuParser
{
    private static readonly string[] Keys = { "register", "context-banks", "group", "of-xlate", "of-declare", "identity", "identity-clients", "shared-arm-mapping", "stream-id-bits" };

    private static readonly FrozenDictionary<string, bool> Words = new Dictionary<string, bool>
    {
        ["register"] = true,
        ["no-register"] = false,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, IommuGroupPolicy> Groups = new Dictionary<string, IommuGroupPolicy>
    {
        ["per-device"] = IommuGroupPolicy.PerDevice,
        ["per-instance"] = IommuGroupPolicy.PerInstance,
        ["stream-id"] = IommuGroupPolicy.StreamId,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Most context banks an IOMMU instance may have: 256 (the ARM SMMU's SMMU_IDR1.NUMCB is an 8-bit count; the
    /// architecture allows at most 128). The model allocates one slot per bank.
    /// </summary>
    public const int MaxContextBanks = 256;

    public static IommuDriverSpec Parse(ScenarioYaml yaml, YamlNode node)
    {
        if (node is YamlScalarNode) return new IommuDriverSpec { Registers = yaml.Choice(node, "iommu", Words) };
        var map = yaml.Mapping(node, "iommu");
        var spec = new IommuDriverSpec();
        foreach (var (key, _, value) in yaml.Entries(map, "iommu", Keys))
        {
            spec = key switch
            {
                "register" => spec with { Registers = yaml.Bool(value, "register") },
                "context-banks" => spec with { ContextBanks = yaml.Int(value, "context-banks", 0, MaxContextBanks) },
                "group" => spec with { Group = yaml.Choice(value, "group", Groups) },
                "of-xlate" => spec with { OfXlate = yaml.Bool(value, "of-xlate") },
                "of-declare" => spec with { OfDeclare = yaml.Bool(value, "of-declare") },
                "identity" => spec with { Identity = yaml.Bool(value, "identity") },
                "identity-clients" => spec with { IdentityClients = yaml.StringOrList(value, "identity-clients") },
                "stream-id-bits" => spec with { StreamIdBits = yaml.Int(value, "stream-id-bits", 1, 32) },
                _ => spec with { SharedArmMapping = yaml.Bool(value, "shared-arm-mapping") },
            };
        }
        return spec;
    }
}
