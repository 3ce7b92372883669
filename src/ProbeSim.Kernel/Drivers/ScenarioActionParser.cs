using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Parses one <c>actions:</c> entry: <c>at</c> (seconds after late_initcall, required) and exactly one of
/// <c>bind: DEV</c> (needs <c>driver</c>), <c>unbind: DEV</c> (optional <c>driver</c>), <c>driver-override: DEV</c>
/// (<c>driver</c> to set; none or empty clears the override) or <c>load-module: MODULE</c>.
/// </summary>
internal static class ScenarioActionParser
{
    private static readonly string[] Keys =
    {
        "at", "bind", "unbind", "driver-override", "load-module", "driver",
        "vfio-set-container", "vfio-unset-container", "vfio-open-device", "iommufd-bind", "iommufd-unbind",
        "iommu-group-type", "iommu-attach-device", "iommu-attach-group", "iommu-detach-group", "type", "domain",
    };

    private static readonly Dictionary<string, UserActionKind> Verbs = new(StringComparer.Ordinal)
    {
        ["bind"] = UserActionKind.Bind,
        ["unbind"] = UserActionKind.Unbind,
        ["driver-override"] = UserActionKind.DriverOverride,
        ["load-module"] = UserActionKind.LoadModule,
        ["vfio-set-container"] = UserActionKind.VfioSetContainer,
        ["vfio-unset-container"] = UserActionKind.VfioUnsetContainer,
        ["vfio-open-device"] = UserActionKind.VfioOpenDevice,
        ["iommufd-bind"] = UserActionKind.IommufdBind,
        ["iommufd-unbind"] = UserActionKind.IommufdUnbind,
        ["iommu-group-type"] = UserActionKind.GroupType,
        ["iommu-attach-device"] = UserActionKind.AttachDevice,
        ["iommu-attach-group"] = UserActionKind.AttachGroup,
        ["iommu-detach-group"] = UserActionKind.DetachGroup,
    };

    private static readonly string[] GroupTypes = { "identity", "DMA", "DMA-FQ", "auto" };

    public static UserAction Parse(ScenarioYaml yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "an actions entry");
        double? at = null;
        UserActionKind? kind = null;
        string? target = null, driver = null, extra = null;
        YamlNode? driverKey = null, typeKey = null, domainKey = null;
        foreach (var (key, keyNode, value) in yaml.Entries(map, "actions entry", Keys))
        {
            switch (key)
            {
                case "at":
                    at = yaml.Seconds(value, "at", allowNever: false);
                    break;
                case "driver":
                    driver = value is YamlScalarNode s && (ScenarioYaml.IsNull(value) || s.Value == "") ? null : yaml.Scalar(value, "driver");
                    driverKey = keyNode;
                    break;
                case "type":
                    extra = yaml.NonEmpty(value, "type");
                    if (!GroupTypes.Contains(extra)) throw yaml.Error(value, $"unknown group type '{extra}' (expected one of: {string.Join(", ", GroupTypes)})");
                    typeKey = keyNode;
                    break;
                case "domain":
                    extra = yaml.NonEmpty(value, "domain");
                    domainKey = keyNode;
                    break;
                default:
                    if (kind is not null) throw yaml.Error(keyNode, "an action has exactly one of bind, unbind, driver-override, load-module, vfio-*, iommufd-*, iommu-*");
                    kind = Verbs[key];
                    target = yaml.NonEmpty(value, key);
                    break;
            }
        }
        if (kind is null) throw yaml.Error(node, "an action needs one of bind, unbind, driver-override, load-module, vfio-*, iommufd-*, iommu-*");
        if (kind == UserActionKind.GroupType && typeKey is null) throw yaml.Error(node, "iommu-group-type needs type");
        if (typeKey is not null && kind != UserActionKind.GroupType) throw yaml.Error(typeKey, "type is only for iommu-group-type");
        if (domainKey is not null && kind is not (UserActionKind.AttachDevice or UserActionKind.AttachGroup or UserActionKind.DetachGroup))
            throw yaml.Error(domainKey, "domain is only for iommu-attach-device, iommu-attach-group and iommu-detach-group");
        if (driverKey is not null && kind is not (UserActionKind.Bind or UserActionKind.Unbind or UserActionKind.DriverOverride or UserActionKind.LoadModule))
            throw yaml.Error(driverKey, "driver is only for bind, unbind and driver-override");
        if (at is null) throw yaml.Error(node, "an action needs at");
        if (kind == UserActionKind.Bind && driver is null)
            throw yaml.Error(driverKey ?? node, "bind needs a driver");
        if (kind == UserActionKind.LoadModule && driverKey is not null)
            throw yaml.Error(driverKey, "load-module takes no driver");
        var location = yaml.At(node);
        var origin = location.ToString();
        return kind == UserActionKind.LoadModule
            ? new UserAction(at.Value, kind.Value, null, null, target, origin) { Location = location }
            : new UserAction(at.Value, kind.Value, target, driver, null, origin,
                kind is UserActionKind.AttachDevice or UserActionKind.AttachGroup or UserActionKind.DetachGroup ? extra ?? "domain0" : extra)
            { Location = location };
    }
}
