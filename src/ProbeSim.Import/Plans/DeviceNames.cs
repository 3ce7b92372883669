namespace ProbeSim.Import.Plans;

/// <summary>
/// The names in a function that stand for the device being probed: its parameters and locals of a device type
/// (struct device, platform_device, device_node, i2c_client, spi_device, ...), plus dev/pdev/np. A call that passes
/// one of them (or a member ->dev / ->of_node) is a call "with the device".
/// </summary>
internal static class DeviceNames
{
    private static readonly HashSet<string> DeviceTypes = new(StringComparer.Ordinal)
    {
        "device", "platform_device", "device_node", "i2c_client", "spi_device", "amba_device", "auxiliary_device",
        "fwnode_handle", "spmi_device", "mdio_device", "sunxi_rsb_device", "pci_dev", "i3c_device", "serdev_device",
    };

    private static readonly string[] Always = { "dev", "pdev", "np" };

    public static HashSet<string> Of(CSourceFile f, CFunction fn)
    {
        var names = OfTypes(f, fn, DeviceTypes);
        names.UnionWith(Always);
        return names;
    }

    /// <summary>The parameters and locals declared as a pointer to one of <paramref name="types"/> (<c>struct T *name</c>).</summary>
    public static HashSet<string> OfTypes(CSourceFile f, CFunction fn, IReadOnlySet<string> types)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = fn.ParamsOpen; i + 2 < fn.BodyClose; i++)
        {
            if (!f.Is(i, "struct") || !types.Contains(f[i + 1].Text)) continue;
            int j = i + 2;
            if (!f.Is(j, "*")) continue;
            while (f.Is(j, "*") || f.Is(j, "const")) j++;
            if (j < f.Count && f[j].IsIdent) names.Add(f[j].Text);
        }
        return names;
    }

    /// <summary>Whether the arguments of the call whose '(' is at <paramref name="open"/> name the device.</summary>
    public static bool Mentioned(CSourceFile f, int open, HashSet<string> names)
    {
        int close = f.Match(open);
        for (int i = open + 1; i < close; i++)
        {
            var t = f[i];
            if (!t.IsIdent) continue;
            bool member = f.Is(i - 1, "->") || f.Is(i - 1, ".");
            if (!member && names.Contains(t.Text)) return true;
            if (member && t.Text is "dev" or "of_node" or "pdev" or "np") return true;
        }
        return false;
    }
}
