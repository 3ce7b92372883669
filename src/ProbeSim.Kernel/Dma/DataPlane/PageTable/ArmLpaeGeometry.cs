namespace ProbeSim.Kernel.Dma;

/// <summary>
/// The shape of an ARM LPAE stage-1 table (io-pgtable-arm.c arm_lpae_alloc_pgtable): granule, input/output address
/// sizes, levels = ceil((ias - pg_shift) / bits_per_level), start level = 4 - levels, and the top table taking the
/// bits left over.
/// </summary>
public sealed record ArmLpaeGeometry
{
    /// <summary>ARM_LPAE_MAX_LEVELS.</summary>
    public const int MaxLevels = 4;

    /// <summary>ARM_LPAE_MAX_ADDR_BITS without 52-bit support.</summary>
    public const int MaxAddrBits = 48;

    private ArmLpaeGeometry(ulong granule, int ias, int oas)
    {
        Granule = granule;
        Ias = ias;
        Oas = oas;
        PgShift = Bits.Ffs(granule);
        BitsPerLevel = PgShift - 3; // 8-byte PTEs
        var vaBits = ias - PgShift;
        Levels = (vaBits + BitsPerLevel - 1) / BitsPerLevel;
        StartLevel = MaxLevels - Levels;
        PgdBits = vaBits - BitsPerLevel * (Levels - 1);
        PgsizeBitmap = granule switch
        {
            // arm_lpae_restrict_pgsizes
            4096 => 0x1000UL | 0x20_0000UL | 0x4000_0000UL,
            16384 => 0x4000UL | 0x200_0000UL,
            _ => 0x1_0000UL | 0x2000_0000UL,
        };
    }

    public ulong Granule { get; }

    public int Ias { get; }

    public int Oas { get; }

    public int PgShift { get; }

    public int BitsPerLevel { get; }

    public int Levels { get; }

    public int StartLevel { get; }

    /// <summary>Index bits of the top table (ARM_LPAE_PGD_SIZE = 8 &lt;&lt; PgdBits).</summary>
    public int PgdBits { get; }

    public ulong PgsizeBitmap { get; }

    /// <summary>ARM_LPAE_PTES_PER_TABLE.</summary>
    public int PtesPerTable => 1 << BitsPerLevel;

    public int PgdEntries => 1 << PgdBits;

    /// <summary>A 4K/16K/64K granule table; ias and oas at most 48 bits.</summary>
    public static ArmLpaeGeometry Create(ulong granule, int ias = 48, int oas = 48)
    {
        if (granule is not (4096 or 16384 or 65536))
            throw new ArgumentException($"unsupported LPAE granule {KFmt.Hex(granule)}");
        if (ias > MaxAddrBits || oas > MaxAddrBits || ias <= Bits.Ffs(granule) || oas < 32)
            throw new ArgumentException($"unsupported address sizes ias {ias} oas {oas}");
        return new ArmLpaeGeometry(granule, ias, oas);
    }

    /// <summary>
    /// arm_lpae_restrict_pgsizes' choice of granule from what the SMMU supports: the CPU page size if supported,
    /// else the largest smaller one, else the smallest larger one.
    /// </summary>
    public static ulong ChooseGranule(ulong supportedBitmap, ulong cpuPageSize = DmaApi.PageSize)
    {
        var pageMask = ~(cpuPageSize - 1);
        if ((supportedBitmap & cpuPageSize) != 0)
            return cpuPageSize;
        if ((supportedBitmap & ~pageMask) != 0)
            return 1UL << Bits.Fls(supportedBitmap & ~pageMask);
        if ((supportedBitmap & pageMask) != 0)
            return 1UL << Bits.Ffs(supportedBitmap & pageMask);
        throw new ArgumentException("no page size supported");
    }

    /// <summary>ARM_LPAE_LVL_SHIFT: the lowest IOVA bit a level indexes.</summary>
    public int LevelShift(int level) => PgShift + (MaxLevels - 1 - level) * BitsPerLevel;

    /// <summary>ARM_LPAE_BLOCK_SIZE: bytes one entry at <paramref name="level"/> maps.</summary>
    public ulong BlockSize(int level) => 1UL << LevelShift(level);

    /// <summary>ARM_LPAE_LVL_IDX: the top level uses PgdBits index bits, the others BitsPerLevel.</summary>
    public int LevelIndex(ulong iova, int level)
    {
        var bits = level == StartLevel ? PgdBits : BitsPerLevel;
        return (int)((iova >> LevelShift(level)) & ((1UL << bits) - 1));
    }
}
