using System.Buffers.Binary;
using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Tests.Overlays;

/// <summary>Short helpers to build small trees in code, the way a blob would hold them.</summary>
internal static class TreeBuilder
{
    /// <summary>A tree whose root holds <paramref name="items"/> (properties and nodes).</summary>
    public static DtTree Tree(params object[] items) => new(N("", items));

    /// <summary>A node with properties and children, in the order given.</summary>
    public static DtNode N(string name, params object[] items)
    {
        var node = new DtNode(name);
        foreach (var item in items)
        {
            switch (item)
            {
                case DtProperty p: node.AddProperty(p); break;
                case DtNode c: node.AddChild(c); break;
                default: throw new ArgumentException("not a property or node: " + item);
            }
        }
        node.Phandle = node.GetProperty("phandle") is { Length: 4 } ph ? ph.GetU32() : 0;
        return node;
    }

    /// <summary>A property of 32-bit cells.</summary>
    public static DtProperty P(string name, params uint[] cells)
    {
        var value = new byte[cells.Length * 4];
        for (var i = 0; i < cells.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(i * 4), cells[i]);
        return new DtProperty(name, value);
    }

    /// <summary>A property holding NUL-terminated strings.</summary>
    public static DtProperty S(string name, params string[] strings) =>
        new(name, strings.SelectMany(s => Encoding.UTF8.GetBytes(s).Append((byte)0)).ToArray());

    /// <summary>A property with raw bytes.</summary>
    public static DtProperty B(string name, params byte[] bytes) => new(name, bytes);

    /// <summary>An empty (boolean) property.</summary>
    public static DtProperty E(string name) => new(name, Array.Empty<byte>());

    /// <summary>A fragment targeting a phandle.</summary>
    public static DtNode FragmentTo(int index, uint phandle, params object[] overlayItems) =>
        N($"fragment@{index}", P("target", phandle), N("__overlay__", overlayItems));

    /// <summary>A fragment targeting a path (or alias).</summary>
    public static DtNode FragmentAt(int index, string path, params object[] overlayItems) =>
        N($"fragment@{index}", S("target-path", path), N("__overlay__", overlayItems));
}
