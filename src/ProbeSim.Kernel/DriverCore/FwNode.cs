using ProbeSim.DeviceTree.Model;

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
}
