namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// The DMA alias header fixups of drivers/pci/quirks.c as data, with the lines of Linux 6.1.192 each was read from. A
/// group is one profile item of switch <c>pci_dma_alias_quirks</c>: the devices one release added; docs/kernel/pci.md
/// says which release. Fixups run in table order; each only adds, so the order does not change the result.
/// </summary>
public static class DmaAliasQuirkTable
{
    private const ushort Ricoh = 0x1180, Glenfly = 0x6766, Marvell = 0x1b4b, Tti = 0x1103, JMicron = 0x197b,
        Adaptec = 0x9005, Intel = 0x8086, Plx = 0x10b5, Broadcom = 0x14e4;

    private static DmaAliasQuirkEntry E(string group, ushort vendor, ushort[] devices, DmaAliasQuirkKind kind, string lines) =>
        new(group, vendor, devices, kind, "quirks.c:" + lines);

    public static IReadOnlyList<DmaAliasQuirkEntry> Entries { get; } =
    [
        E("ricoh-func0", Ricoh, [0xe832, 0xe476], DmaAliasQuirkKind.Function0, "4175-4176"),
        E("glenfly-func0", Glenfly, [0x3d40, 0x3d41], DmaAliasQuirkKind.Function0, "4179-4180"),
        // Marvell 88SE91xx/92xx SATA, HighPoint 642L, JMicron JMB388 ESD (bugzilla 42679 and Gentoo 497630)
        E("sata-func1", Marvell, [0x9120, 0x9123, 0x9130, 0x9172, 0x917a, 0x91a0, 0x9230], DmaAliasQuirkKind.Function1,
            "4194,4196,4204,4209,4212,4221,4230"),
        E("sata-func1", Tti, [0x0642], DmaAliasQuirkKind.Function1, "4234"),
        E("sata-func1", JMicron, [0x2392], DmaAliasQuirkKind.Function1, "4239-4241"),
        E("marvell-9182-func1", Marvell, [0x9182], DmaAliasQuirkKind.Function1, "4215"),
        // Lite-On Plextor M6E (Marvell 88SS9183)
        E("plextor-m6e-func1", 0x1c28, [0x0122], DmaAliasQuirkKind.Function1, "4243-4245"),
        E("marvell-9128-9183-9220-func1", Marvell, [0x9128, 0x9183, 0x9220], DmaAliasQuirkKind.Function1, "4201,4218,4227"),
        E("tti-0645-func1", Tti, [0x0645], DmaAliasQuirkKind.Function1, "4236"),
        E("marvell-9170-func1", Marvell, [0x9170], DmaAliasQuirkKind.Function1, "4206"),
        E("marvell-9125-9215-func1", Marvell, [0x9125, 0x9215], DmaAliasQuirkKind.Function1, "4199,4224"),
        E("marvell-9235-func1", Marvell, [0x9235], DmaAliasQuirkKind.Function1, "4232"),
        // Adaptec 3405 and 3805: the hidden DMA engine at 01.0 behind the 80333's ATU
        E("adaptec-3405-fixed", Adaptec, [0x0285], DmaAliasQuirkKind.Fixed, "4263-4265,4280") with
            { Subsystem = (Adaptec, 0x02bb), AliasDevfn = PciDevfn.Make(1, 0) },
        E("adaptec-3805-fixed", Adaptec, [0x0285], DmaAliasQuirkKind.Fixed, "4266-4268,4280") with
            { Subsystem = (Adaptec, 0x02bc), AliasDevfn = PciDevfn.Make(1, 0) },
        // ASMedia ASM1083/1085, Tundra 8113, ITE 8892, Intel 82801; then ITE 8893
        E("pcie-bridge-alias", 0x1b21, [0x1080], DmaAliasQuirkKind.PcieBridgeAlias, "4300-4301"),
        E("pcie-bridge-alias", 0x10e3, [0x8113], DmaAliasQuirkKind.PcieBridgeAlias, "4303"),
        E("pcie-bridge-alias", 0x1283, [0x8892], DmaAliasQuirkKind.PcieBridgeAlias, "4305"),
        E("pcie-bridge-alias", Intel, [0x244e], DmaAliasQuirkKind.PcieBridgeAlias, "4309"),
        E("ite-8893-pcie-bridge-alias", 0x1283, [0x8893], DmaAliasQuirkKind.PcieBridgeAlias, "4307"),
        E("mic-x200", Intel, [0x2260, 0x2264], DmaAliasQuirkKind.MicX200, "4323-4324"),
        E("vca-pex", Intel, [0x2954, 0x2955, 0x2956, 0x2958, 0x2959, 0x295a], DmaAliasQuirkKind.PexVca, "4348-4353"),
        // Broadcom Vulcan / Cavium ThunderX2 root complex bridges
        E("thunderx2-xlate-root", Broadcom, [0x9000, 0x9084], DmaAliasQuirkKind.BridgeXlateRoot, "4364-4367"),
        E("plx-ntb", Plx, [0x87b0, 0x87b1], DmaAliasQuirkKind.PlxNtb, "5953-5954"),
    ];

    /// <summary>Every group name, in table order: the items switch <c>pci_dma_alias_quirks</c> may hold.</summary>
    public static IReadOnlyList<string> Groups { get; } = Entries.Select(e => e.Group).Distinct(StringComparer.Ordinal).ToArray();
}
