using ProbeSim.Kernel.Dma;
using ProbeSim.Kernel.Iommu;
using ProbeSim.Kernel.Of;

using Rule = ProbeSim.Kernel.Of.OfIommuRule;
using DmaN = ProbeSim.Kernel.Dma.DmaNote;

namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    // of_iommu_configure's rules, in the words of the profile's era (v4.2-v4.10 had no fwspec: of_iommu_get_ops, then of_xlate)
    public virtual string OfIommuRule(OfIommuRule rule) => rule switch
    {
        Rule.NoIommuProperty { Pci: true } => "no iommu-map translation: arch default DMA",
        Rule.NoIommuProperty => "no iommus property: arch default DMA",
        Rule.UnusableEntry r => r.Error,
        Rule.NoIommu => "no IOMMU",
        Rule.NoOfXlate r => $"{DtPath(r.IommuPath)}: the IOMMU driver has no of_xlate",
        Rule.IommuDisabled r => $"IOMMU {DtPath(r.IommuPath)} is disabled",
        Rule.NoRegisteredOps r => $"IOMMU {DtPath(r.IommuPath)} has no registered ops when the device is configured",
        Rule.NotRegisteredBootOver r => $"IOMMU {DtPath(r.IommuPath)} not registered and boot is over",
        Rule.NoBuiltInDriver r => $"no built-in IOMMU driver declares {DtPath(r.IommuPath)}",
        Rule.DeferDriverPresent r =>
            $"IOMMU {DtPath(r.IommuPath)} not registered while booting and a built-in IOMMU_OF_DECLARE driver matches it: defer (of_iommu_driver_present)"
            + (r.DisabledUnchecked ? "; the node is disabled, but this profile does not check (of_iommu_disabled_check: false)" : ""),
        Rule.DeferCheckState r => $"IOMMU {DtPath(r.IommuPath)} not registered: driver_deferred_probe_check_state says wait",
        Rule.CheckStateGaveUp r => $"IOMMU {DtPath(r.IommuPath)} not registered by then; check_state gave up ({r.Errno})",
        Rule.ForeignFwspec => "the device already has a fwspec for another IOMMU driver",
        Rule.ProbeDeviceDeferred => "the IOMMU probe of the device asked to defer",
        Rule.ProbeDeviceFailed r => r.Refusal switch
        {
            StreamIdOutOfRange s => $"StreamID 0x{s.StreamId:x} does not fit the IOMMU's {s.Bits}-bit StreamIDs: its probe_device refused the device ({r.Errno}), so no group",
            StreamIdInUse s => $"StreamID {s.StreamId} is already in the SMMU's stream tree for {s.Owner}: its probe_device refused the device ({r.Errno}), so no group",
            _ => $"IOMMU probe of the device failed ({r.Errno})",
        },
        Rule.Found { By: OfIommuFoundBy.DeclaredOps } r =>
            $"IOMMU {r.Iommu} has ops set by its IOMMU_OF_DECLARE hook (of_iommu_get_ops); of_xlate took the iommus entry",
        Rule.Found { By: OfIommuFoundBy.FwnodeThenAddDevice } r =>
            $"IOMMU {r.Iommu} registered (iommu_ops_from_fwnode): fwspec and of_xlate; the device joins a group at BUS_NOTIFY_ADD_DEVICE",
        Rule.Found r => $"IOMMU {r.Iommu} registered: fwspec and of_xlate, then the IOMMU probe of the device",
        _ => rule.ToString(),
    };

    public virtual string DmaNote(DmaNote note) => note switch
    {
        DmaN.NoIommu n => OfIommuRule(n.Rule),
        DmaN.NoMapping => "IOMMU dma_ops without a dma_iommu_mapping: the first DMA allocation fails",
        DmaN.StreamAborted => "bound, but its DMA stream has no stream-map entry and the IOMMU aborts it",
        DmaN.UnmatchedStreamFaults n => $"bound without a group behind {n.Iommu}, whose unmatched streams fault (disable_bypass): its DMA is aborted",
        DmaN.OtherMastersStream n =>
            $"bound without an IOMMU, but its DMA carries StreamID {n.StreamId}, which {n.Iommu} translates with {n.Owner}'s domain: its dma-direct addresses fault or reach that device's mappings",
        DmaN.AbortStream n => $"bound without an IOMMU; {n.Iommu} aborts StreamID {n.StreamId} (an abort STE, disable_bypass): its DMA fails without an event",
        DmaN.BadStreamId n =>
            $"bound without an IOMMU; {n.Iommu} aborts StreamID {n.StreamId}, which has no stream table entry: its next DMA logs \"{n.IommuDriver} {n.Iommu}: event 0x02 received:\" / \"0x{n.EventDword:x16}\" (C_BAD_STREAMID)",
        _ => note.ToString(),
    };
}
