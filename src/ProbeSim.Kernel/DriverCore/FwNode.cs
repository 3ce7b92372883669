using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.DriverCore;

/// <summary>fwnode state for one DT node: its device and the fwnode links (fw_devlink) in both directions.</summary>
public sealed class FwNode
{
    internal FwNode(DtNode node) { Node = node; }
    public DtNode Node { get; }
    /// <summary>fwnode->dev.</summary>
    public Device? Dev { get; internal set; }
    /// <summary>FWNODE_FLAG_LINKS_ADDED.</summary>
    internal bool LinksAdded;
    /// <summary>FWNODE_FLAG_NOT_DEVICE.</summary>
    internal bool NotDevice;
    /// <summary>FWNODE_FLAG_INITIALIZED: set up by an early OF table without a struct device driver.</summary>
    internal bool Initialized;
    internal readonly List<FwnodeLink> Suppliers = new();
    internal readonly List<FwnodeLink> Consumers = new();

    internal static readonly DigestFields DigestFields = new(typeof(FwNode),
        [nameof(Node), nameof(Dev), nameof(LinksAdded), nameof(NotDevice), nameof(Initialized), nameof(Suppliers), nameof(Consumers)],
        (nameof(_key), "a cache of the node's key (the node never changes)"));

    private ulong _key;

    internal ulong Key => _key != 0 ? _key : _key = StateDigest.NodeKey(Node);

    /// <summary>Whether it is as Kernel.Fw made it: such an fwnode behaves as one never made (Fw makes them on demand).</summary>
    internal bool Pristine => Dev is null && !LinksAdded && !NotDevice && !Initialized && Suppliers.Count == 0 && Consumers.Count == 0;

    /// <summary>The fwnode's state; its links in list order (fw_devlink walks them in that order).</summary>
    internal void Digest(ref StateDigest d)
    {
        d.Add(Key);
        bool links = Suppliers.Count + Consumers.Count > 0;
        d.Add(StateDigest.Pair(Dev?.Id ?? -1, (int)StateDigest.Flags(LinksAdded, NotDevice, Initialized, links)));
        if (!links) return;
        d.Add(StateDigest.Pair(Suppliers.Count, Consumers.Count));
        foreach (var l in Suppliers) l.Digest(ref d);
        foreach (var l in Consumers) l.Digest(ref d);
    }
}

/// <summary>A fwnode link: consumer node depends on supplier node, not yet turned into a device link.</summary>
public sealed class FwnodeLink
{
    internal FwnodeLink(FwNode consumer, FwNode supplier, string property) { Consumer = consumer; Supplier = supplier; Property = property; }
    public FwNode Consumer { get; internal set; }
    public FwNode Supplier { get; internal set; }
    public string Property { get; }
    /// <summary>FWLINK_FLAG_CYCLE.</summary>
    internal bool Cycle;
    /// <summary>FWLINK_FLAG_IGNORE (post-init-providers).</summary>
    internal bool Ignore;

    internal static readonly DigestFields DigestFields = new(typeof(FwnodeLink),
        [nameof(Consumer), nameof(Supplier), nameof(Property), nameof(Cycle), nameof(Ignore)],
        (nameof(_propertyKey), "a cache of Property's key (the property never changes)"));

    private ulong _propertyKey;

    internal void Digest(ref StateDigest d)
    {
        if (_propertyKey == 0)
        {
            var p = new StateDigest();
            p.Add(Property);
            _propertyKey = p.Value & ~0xfUL | 1;
        }
        d.Add(Consumer.Key);
        d.Add(Supplier.Key);
        d.Add(_propertyKey | StateDigest.Flags(Cycle, Ignore) << 1);
    }
}
