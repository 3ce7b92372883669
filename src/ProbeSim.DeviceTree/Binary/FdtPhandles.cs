using System.Buffers.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Binary;

/// <summary>Sets <see cref="DtNode.Phandle"/> from <c>phandle</c> / <c>linux,phandle</c> properties.</summary>
public static class FdtPhandles
{
    // check_explicit_phandles: tree order; "phandle" wins over "linux,phandle"; a value seen before is not taken again
    public static void Assign(DtNode root)
    {
        var seen = new HashSet<uint>();
        foreach (var node in root.SelfAndDescendants())
        {
            var ph = ValidCell(node, "phandle");
            if (ph == 0) ph = ValidCell(node, "linux,phandle");
            if (ph != 0 && seen.Add(ph)) node.Phandle = ph;
        }
    }

    // check_phandle_prop: exactly one cell, neither 0 nor 0xffffffff
    private static uint ValidCell(DtNode node, string name)
    {
        var p = node.GetProperty(name);
        if (p is null || p.Value.Length != 4) return 0;
        var v = BinaryPrimitives.ReadUInt32BigEndian(p.Value);
        return v is 0 or 0xffffffff ? 0 : v;
    }
}
