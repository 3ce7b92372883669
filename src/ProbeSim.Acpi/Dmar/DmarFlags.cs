namespace ProbeSim.Acpi.Dmar;

/// <summary>The DMAR table's flags (VT-d specification, "DMA Remapping Reporting Structure").</summary>
[Flags]
public enum DmarFlags : byte
{
    None = 0,
    /// <summary>Bit 0: interrupt remapping is supported.</summary>
    IntrRemap = 1,
    /// <summary>Bit 1: firmware asks the OS not to enable x2APIC mode.</summary>
    X2ApicOptOut = 2,
    /// <summary>Bit 2: the platform opts in to DMA protection of devices the OS has not bound yet (<c>DMAR_PLATFORM_OPT_IN</c>).</summary>
    DmaCtrlPlatformOptIn = 4,
}

/// <summary>The flags of a DRHD, ATSR or SATC structure: bit 0 is the one each type defines.</summary>
public static class DmarStructureFlags
{
    /// <summary>DRHD bit 0: the unit covers every PCI device of its segment not claimed by another unit.</summary>
    public const byte IncludePciAll = 1;

    /// <summary>ATSR bit 0: every root port of the segment supports ATS.</summary>
    public const byte AllPorts = 1;

    /// <summary>SATC bit 0: the listed devices need ATS to work (ATC_REQUIRED).</summary>
    public const byte AtcRequired = 1;
}
