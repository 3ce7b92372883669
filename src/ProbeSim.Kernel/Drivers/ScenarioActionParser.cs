using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Parses one <c>actions:</c> entry: <c>at</c> (seconds after late_initcall, required) and exactly one of
/// <c>bind: DEV</c> (needs <c>driver</c>), <c>unbind: DEV</c> (optional <c>driver</c>), <c>driver-override: DEV</c>
/// (<c>driver</c> to set; none or empty clears the override) or <c>load-module: MODULE</c>.
/// </summary>
internal static class ScenarioActionParser
{
    private static readonly string[] Keys = { "at", "bind", "unbind", "driver-override", "load-module", "driver" };

    public static UserAction Parse(ScenarioYaml yaml, YamlNode node)
    {
        var map = yaml.Mapping(node, "an actions entry");
        double? at = null;
        UserActionKind? kind = null;
        string? target = null, driver = null;
        YamlNode? driverKey = null;
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
                default:
                    if (kind is not null) throw yaml.Error(keyNode, "an action has exactly one of bind, unbind, driver-override, load-module");
                    kind = key switch
                    {
                        "bind" => UserActionKind.Bind,
                        "unbind" => UserActionKind.Unbind,
                        "driver-override" => UserActionKind.DriverOverride,
                        _ => UserActionKind.LoadModule,
                    };
                    target = yaml.NonEmpty(value, key);
                    break;
            }
        }
        if (kind is null) throw yaml.Error(node, "an action needs one of bind, unbind, driver-override, load-module");
        if (at is null) throw yaml.Error(node, "an action needs at");
        if (kind == UserActionKind.Bind && driver is null)
            throw yaml.Error(driverKey ?? node, "bind needs a driver");
        if (kind == UserActionKind.LoadModule && driverKey is not null)
            throw yaml.Error(driverKey, "load-module takes no driver");
        var origin = yaml.At(node).ToString();
        return kind == UserActionKind.LoadModule
            ? new UserAction(at.Value, kind.Value, null, null, target, origin)
            : new UserAction(at.Value, kind.Value, target, driver, null, origin);
    }
}
