using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Of;

/// <summary>A compatible with * wildcards, as profile lists name families of drivers (<c>rockchip,*-pinctrl</c>).</summary>
public static class CompatiblePattern
{
    public static bool Matches(string pattern, string compatible) => Matches(pattern.AsSpan(), compatible.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> compatible)
    {
        int star = pattern.IndexOf('*');
        if (star < 0) return pattern.SequenceEqual(compatible);
        var head = pattern[..star];
        if (!compatible.StartsWith(head, StringComparison.Ordinal)) return false;
        var rest = pattern[(star + 1)..];
        // the star takes as little as it can, then the rest must match what is left
        for (int i = head.Length; i <= compatible.Length; i++)
            if (Matches(rest, compatible[i..])) return true;
        return false;
    }

    /// <summary>Whether any compatible of the node matches the pattern.</summary>
    public static bool Matches(string pattern, DtNode node)
    {
        foreach (var c in node.Compatible)
            if (Matches(pattern, c)) return true;
        return false;
    }
}
