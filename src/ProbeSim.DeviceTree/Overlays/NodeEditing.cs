using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Overlays;

/// <summary>libfdt's write operations, reproducing where a blob puts new properties and nodes.</summary>
internal static class NodeEditing
{
    /// <summary>Puts <paramref name="property"/> in front of the node's properties.</summary>
    public static void InsertPropertyFirst(this DtNode node, DtProperty property) => node.InsertProperty(0, property);

    /// <summary>Puts <paramref name="child"/> in front of the node's children.</summary>
    public static void InsertChildFirst(this DtNode parent, DtNode child) => parent.InsertChild(0, child);

    // fdt_setprop: an existing property keeps its place and takes the new value; a new one goes before all others
    public static DtProperty SetPropertyFdt(this DtNode node, string name, byte[] value, IEnumerable<Marker> typeMarkers, SourceLocation? location)
    {
        var p = FdtLookup.Prop(node, name);
        if (p is null)
        {
            p = new DtProperty(name, value);
            node.InsertPropertyFirst(p);
        }
        else
        {
            p.Value = value;
            p.Markers.Clear();
        }
        p.Markers.AddRange(typeMarkers);
        if (location is not null) p.Location = location;
        if (name is "phandle" or "linux,phandle") node.SyncPhandle();
        return p;
    }

    // fdt_add_subnode: a name matching an existing child (fdt_subnode_offset rules) reuses it; a new node goes before all other children
    public static DtNode AddSubnodeFdt(this DtNode parent, string name, SourceLocation? location = null)
    {
        var existing = FdtLookup.Subnode(parent, name);
        if (existing is not null) return existing;
        var node = new DtNode(name) { Location = location };
        parent.InsertChildFirst(node);
        return node;
    }

    /// <summary>Keeps the model's <see cref="DtNode.Phandle"/> equal to what the properties say.</summary>
    public static void SyncPhandle(this DtNode node) => node.Phandle = FdtLookup.Phandle(node);
}
