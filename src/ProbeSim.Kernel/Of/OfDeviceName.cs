using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>The device name the kernel gives a node's platform or AMBA device (of_device_make_bus_id).</summary>
public static class OfDeviceName
{
    // of_device_make_bus_id: walking up, a node whose reg translates ends the name with "<cpu address>.<name>";
    // a node without one contributes its full name and the walk goes on; parts are joined with ':'
    public static string Make(DtNode node)
    {
        var parts = new List<string>();
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            if (OfAddress.TranslateFirstReg(n) is { } addr)
            {
                parts.Add($"{addr:x}.{n.BaseName}");
                break;
            }
            parts.Add(n.Name);
        }
        parts.Reverse();
        return string.Join(':', parts);
    }
}
