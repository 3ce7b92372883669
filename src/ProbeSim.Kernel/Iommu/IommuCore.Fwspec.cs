using ProbeSim.DeviceTree.Model;
using ProbeSim.Kernel.DriverCore;

namespace ProbeSim.Kernel.Iommu;

// The fwspec: what of_iommu_configure (and v6.15's iommu_init_device) record on a master for its IOMMU.
internal sealed partial class IommuCore
{
    // iommu_fwspec_init: an existing fwspec of another driver -> -EINVAL; a waiting (ops-less) one is completed
    internal static bool IommuFwspecInit(Device dev, DtNode iommuNode, IommuInstance? ops)
    {
        var fs = dev.Iommu.Fwspec;
        if (fs is not null)
        {
            if (fs.Ops is null) { fs.Ops = ops; return true; }
            return ops is null || fs.Ops.DriverName == ops.DriverName;
        }
        dev.Iommu.Fwspec = new IommuFwspec(iommuNode, ops);
        return true;
    }

    // ops->of_xlate: arm-smmu packs SID and SMR mask (cell 1, else stream-match-mask) into one ID; 0-cell IOMMUs add none
    internal static void IommuOfXlate(Device dev, IommuInstance inst, DtNode iommuNode, IReadOnlyList<uint> args)
    {
        var fs = dev.Iommu.Fwspec!;
        if (args.Count == 0) return;
        uint id = args[0] & 0xffff;
        if (inst.Traits.Kind == IommuKind.ArmSmmu)
        {
            uint mask = args.Count > 1 ? args[1] : iommuNode.GetU32("stream-match-mask") ?? 0;
            id |= (mask & 0xffff) << 16;
        }
        else id = args[0];
        // iommu_fwspec_add_ids: appended in order, duplicates kept
        fs.Ids.Add(id);
    }

    // v6.15: iommu_init_device calls dma_configure's firmware parsing for a device nobody configured yet
    private void OfIommuParseOnly(Device dev)
    {
        if (dev.Node is null || dev.Bus == Pci) return;
        foreach (var (node, ids, error) in Of.OfPlatform.IommusEntries(dev.Node, _k.Index))
        {
            if (error is not null || node is null) return;
            var inst = IommuOpsFromFwnode(node);
            if (inst is null || !IommuFwspecInit(dev, node, inst)) return;
            IommuOfXlate(dev, inst, node, ids);
        }
    }
}
