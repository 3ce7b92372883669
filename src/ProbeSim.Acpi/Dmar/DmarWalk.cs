using ProbeSim.Acpi.Tables;

namespace ProbeSim.Acpi.Dmar;

/// <summary>
/// The walk over a DMAR table's remapping structures, the way <c>dmar_walk_remapping_entries</c> steps (4-byte header:
/// type, length), with each structure read as its <c>dmar_parse_one_*</c> handler reads it.
/// </summary>
internal sealed class DmarWalk
{
    private readonly TableBytes _t;
    private readonly List<AcpiWarning> _warnings;
    private readonly HashSet<(ushort Segment, ulong Base)> _units = new();
    private readonly HashSet<ulong> _unitBases = new();

    public DmarWalk(TableBytes t, List<AcpiWarning> warnings)
    {
        _t = t;
        _warnings = warnings;
    }

    public List<DmarStructure> Structures { get; } = new();

    /// <summary>DRHD structures seen, duplicates included (the kernel's <c>drhd_count</c>).</summary>
    public int DrhdCount { get; private set; }

    /// <summary>A refusal of <c>parse_dmar_table</c>'s walk (the structure handlers).</summary>
    public AcpiRejection? Rejection { get; private set; }

    /// <summary>A refusal of <c>detect_intel_iommu</c>'s earlier walk, which validates each DRHD before anything is parsed.</summary>
    public AcpiRejection? DetectRejection { get; private set; }

    public void Run(long start)
    {
        long end = _t.Length;
        for (long off = start; off < end;)
        {
            long left = end - off;
            if (left < 4)
                throw _t.Fail(off, $"{left} bytes left after the last structure, too few for a 4-byte structure header");
            ushort type = _t.U16(off, "structure type");
            ushort length = _t.U16(off + 2, "structure length");
            // dmar_walk_remapping_entries: a zero-length structure ends the walk quietly (no error); the ones before it count
            if (length == 0)
            {
                _warnings.Add(new AcpiWarning(_t.File, off, AcpiWarningKind.ZeroLengthStructure,
                    $"{Name(type)} of length 0: the kernel stops reading the table here ({left} bytes ignored)"));
                return;
            }
            // dmar_walk_remapping_entries: a structure passing the table end is "Record passes table end", -EINVAL
            if (length > left)
                throw _t.Fail(off, $"{Name(type)} length {length} runs past the end of the table ({left} bytes left)");
            Structures.Add(Read(type, off, length));
            off += length;
        }
    }

    private DmarStructure Read(ushort type, long off, ushort length)
    {
        long end = off + length;
        switch (type)
        {
            case 0:
                return Drhd(off, length, end);
            case 1:
                return Rmrr(off, length, end);
            case 2:
                Fixed(type, off, length, 8);
                return new DmarAtsr(off, length, _t.U8(off + 4, "ATSR flags"), _t.U16(off + 6, "ATSR segment"),
                    DeviceScopeParser.Parse(_t, off + 8, end, "ATSR", _warnings));
            case 3:
                return Rhsa(off, length);
            case 4:
                return Andd(off, length, end);
            case 5:
                Fixed(type, off, length, 8);
                return new DmarSatc(off, length, _t.U8(off + 4, "SATC flags"), _t.U16(off + 6, "SATC segment"),
                    DeviceScopeParser.Parse(_t, off + 8, end, "SATC", _warnings));
            default:
                // dmar_walk_remapping_entries: types 6 and above are skipped for forward compatibility
                return new DmarUnknownStructure(off, type, length);
        }
    }

    private DmarDrhd Drhd(long off, ushort length, long end)
    {
        Fixed(0, off, length, 16);
        DrhdCount++;
        var drhd = new DmarDrhd(off, length, _t.U8(off + 4, "DRHD flags"), _t.U8(off + 5, "DRHD size"),
            _t.U16(off + 6, "DRHD segment"), _t.U64(off + 8, "DRHD register base"),
            DeviceScopeParser.Parse(_t, off + 16, end, "DRHD", _warnings));
        // dmar_parse_one_drhd: a unit with the segment and register base of one already parsed is not added again
        if (!_units.Add((drhd.Segment, drhd.RegisterBase)))
            _warnings.Add(new AcpiWarning(_t.File, off, AcpiWarningKind.DuplicateDrhd,
                $"DRHD for segment {drhd.Segment} at 0x{drhd.RegisterBase:x} repeats an earlier one; the kernel keeps the first"));
        _unitBases.Add(drhd.RegisterBase);
        // dmar_validate_one_drhd: a unit at address 0 fails detect_intel_iommu with -EINVAL (no DMA remapping, no ACS request)
        if (drhd.RegisterBase == 0)
            DetectRejection ??= new AcpiRejection("dmar_validate_one_drhd", off + 8, "DRHD register base address is zero");
        return drhd;
    }

    private DmarRmrr Rmrr(long off, ushort length, long end)
    {
        Fixed(1, off, length, 24);
        var rmrr = new DmarRmrr(off, length, _t.U16(off + 6, "RMRR segment"), _t.U64(off + 8, "RMRR base"),
            _t.U64(off + 16, "RMRR limit"), DeviceScopeParser.Parse(_t, off + 24, end, "RMRR", _warnings));
        // rmrr_sanity_check: base and limit + 1 page-aligned, limit above base; dmar_parse_one_rmrr warns and keeps it
        if (rmrr.BaseAddress % 4096 != 0 || unchecked(rmrr.LimitAddress + 1) % 4096 != 0 || rmrr.LimitAddress <= rmrr.BaseAddress)
            _warnings.Add(new AcpiWarning(_t.File, off, AcpiWarningKind.BadRmrr,
                $"bad RMRR [0x{rmrr.BaseAddress:x16}-0x{rmrr.LimitAddress:x16}]: the kernel warns and uses it"));
        return rmrr;
    }

    private DmarRhsa Rhsa(long off, ushort length)
    {
        Fixed(3, off, length, 20);
        var rhsa = new DmarRhsa(off, length, _t.U64(off + 8, "RHSA register base"), _t.U32(off + 16, "RHSA proximity domain"));
        // dmar_parse_one_rhsa: the base must be one of the units parsed so far, else a firmware-bug warning
        if (!_unitBases.Contains(rhsa.RegisterBase))
            _warnings.Add(new AcpiWarning(_t.File, off, AcpiWarningKind.RhsaWithoutDrhd,
                $"RHSA refers to no DRHD unit at 0x{rhsa.RegisterBase:x}"));
        return rhsa;
    }

    private DmarAndd Andd(long off, ushort length, long end)
    {
        Fixed(4, off, length, 8);
        var name = _t.Slice(off + 8, (int)(end - off - 8), "ANDD object name");
        int nul = name.IndexOf((byte)0);
        // dmar_parse_one_andd: a name without its NUL inside the structure fails the table's parse with -EINVAL
        if (nul < 0)
            Rejection ??= new AcpiRejection("dmar_parse_one_andd", off + 8, "ANDD object name is not NUL-terminated");
        var text = System.Text.Encoding.Latin1.GetString(nul < 0 ? name : name[..nul]);
        return new DmarAndd(off, length, _t.U8(off + 7, "ANDD device number"), text);
    }

    /// <summary>A structure must hold its fixed fields: the kernel's handlers read them without checking the length.</summary>
    private void Fixed(ushort type, long off, ushort length, int size)
    {
        if (length < size)
            throw _t.Fail(off, $"{Name(type)} length {length} is shorter than its {size}-byte fixed part");
    }

    public static string Name(ushort type) => type switch
    {
        0 => "DRHD",
        1 => "RMRR",
        2 => "ATSR",
        3 => "RHSA",
        4 => "ANDD",
        5 => "SATC",
        _ => $"structure type {type}",
    };
}
