using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Ivrs;

/// <summary>
/// A parsed IVRS table: IVinfo and the blocks in table order. <see cref="Rejection"/> is set when amd-iommu would refuse
/// the table: a bad checksum (<c>check_ivrs_checksum</c>), an IVHD of the type it reads without a device-ID entry
/// (<c>find_last_devid_acpi</c>), a SPECIAL entry that is neither IOAPIC nor HPET (<c>add_special_device</c>).
/// </summary>
public sealed record IvrsTable(
    AcpiTableHeader Header,
    IvInfo IvInfo,
    IReadOnlyList<IvrsBlock> Blocks,
    IReadOnlyList<AcpiWarning> Warnings,
    AcpiRejection? Rejection)
{
    public IReadOnlyList<IvhdBlock> Ivhds => Blocks.OfType<IvhdBlock>().ToList();
    public IReadOnlyList<IvmdBlock> Ivmds => Blocks.OfType<IvmdBlock>().ToList();

    /// <summary>
    /// <c>get_highest_supported_ivhd_type</c>: from the first block on, while the blocks' types are at most 40h, the
    /// last type of a block with the first block's device ID. The kernel reads only IVHD blocks of this type (a 10h and a
    /// 11h block usually describe the same IOMMU). Null for a table with no blocks.
    /// </summary>
    public byte? TargetIvhdType
    {
        get
        {
            if (Blocks.Count == 0) return null;
            ushort devid = DeviceIdOf(Blocks[0]);
            byte last = Blocks[0].Type;
            foreach (var b in Blocks)
            {
                if (b.Type > 0x40) break;
                if (DeviceIdOf(b) == devid) last = b.Type;
            }
            return last;
        }
    }

    /// <summary>Bytes 4-5 of a block: the device ID of an IVHD or IVMD.</summary>
    private static ushort DeviceIdOf(IvrsBlock b) => b switch
    {
        IvhdBlock h => h.DeviceId,
        IvmdBlock m => m.DeviceId,
        IvrsOtherBlock o => o.DeviceId,
        _ => 0,
    };

    /// <summary>The IVHD blocks the kernel reads: those of <see cref="TargetIvhdType"/>.</summary>
    public IReadOnlyList<IvhdBlock> TargetIvhds => Ivhds.Where(h => h.Type == TargetIvhdType).ToList();
}
