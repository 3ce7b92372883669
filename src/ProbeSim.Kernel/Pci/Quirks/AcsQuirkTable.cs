namespace ProbeSim.Kernel.Pci.Quirks;

/// <summary>
/// <c>pci_dev_acs_enabled[]</c> as data, in the kernel's order (the first entry whose function answers decides), with
/// the lines of Linux 6.1.192's drivers/pci/quirks.c each was read from. A group is one profile item of switch
/// <c>pci_acs_quirks</c>: the entries one release added; docs/kernel/pci.md says which release, and from which source.
/// </summary>
public static class AcsQuirkTable
{
    private const ushort Ati = 0x1002, Amd = 0x1022, Solarflare = 0x1924, Intel = 0x8086, Qcom = 0x17cb, Hxt = 0x1dbf,
        Cavium = 0x177d, Amcc = 0x10e8, Ampere = 0x1def, Broadcom = 0x14e4, Loongson = 0x0014, Annapurna = 0x1c36,
        Zhaoxin = 0x1d17, Nxp = 0x1957, Wangxun = 0x8088;

    private static AcsQuirkEntry E(string group, ushort vendor, ushort[]? devices, AcsQuirkKind kind, string lines) =>
        new(group, vendor, devices, kind, "quirks.c:" + lines);

    public static IReadOnlyList<AcsQuirkEntry> Entries { get; } =
    [
        E("amd-sb", Ati, [0x4385, 0x439c, 0x4383, 0x439d, 0x4384, 0x4399], AcsQuirkKind.AmdSouthbridge, "4952-4957"),
        E("amd-sb", Amd, [0x780f, 0x7809], AcsQuirkKind.AmdSouthbridge, "4958-4959"),
        E("solarflare-mf", Solarflare, [0x0903, 0x0923], AcsQuirkKind.MultifunctionEndpoint, "4960-4961"),
        E("solarflare-0a03-mf", Solarflare, [0x0a03], AcsQuirkKind.MultifunctionEndpoint, "4962"),
        E("intel-nic-mf", Intel, [0x10c6, 0x10db, 0x10dd, 0x10e1, 0x10f1, 0x10f7, 0x10f8, 0x10f9, 0x10fa, 0x10fb, 0x10fc,
            0x1507, 0x1514, 0x151c, 0x1529, 0x152a, 0x154d, 0x154f, 0x1551, 0x1558], AcsQuirkKind.MultifunctionEndpoint, "4963-4982"),
        // 82580
        E("intel-nic-mf", Intel, [0x1509, 0x150e, 0x150f, 0x1510, 0x1511, 0x1516, 0x1527], AcsQuirkKind.MultifunctionEndpoint, "4984-4990"),
        // 82576
        E("intel-nic-mf", Intel, [0x10c9, 0x10e6, 0x10e7, 0x10e8, 0x150a, 0x150d, 0x1518, 0x1526], AcsQuirkKind.MultifunctionEndpoint, "4992-4999"),
        // 82575
        E("intel-nic-mf", Intel, [0x10a7, 0x10a9, 0x10d6], AcsQuirkKind.MultifunctionEndpoint, "5001-5003"),
        // I350
        E("intel-nic-mf", Intel, [0x1521, 0x1522, 0x1523, 0x1524], AcsQuirkKind.MultifunctionEndpoint, "5005-5008"),
        // 82571 (not the quad-port parts)
        E("intel-nic-mf", Intel, [0x105e, 0x105f, 0x1060, 0x10d9], AcsQuirkKind.MultifunctionEndpoint, "5010-5013"),
        // I219
        E("intel-i219-mf", Intel, [0x15b7, 0x15b8], AcsQuirkKind.MultifunctionEndpoint, "5015-5016"),
        E("intel-rciep", Intel, null, AcsQuirkKind.IntelRciep, "5017"),
        // QDF2xxx, SA8775P, Hamoa, Glymur root ports; HXT SD4800 has the QDF2xxx design
        E("qcom-qdf2xxx-rp", Qcom, [0x0400, 0x0401], AcsQuirkKind.QcomRootPort, "5019-5020"),
        E("qcom-sa8775p-rp", Qcom, [0x0115], AcsQuirkKind.QcomRootPort, "5022"),
        E("qcom-hamoa-glymur-rp", Qcom, [0x0111, 0x0120], AcsQuirkKind.QcomRootPort, "5024,5026"),
        E("hxt-sd4800-rp", Hxt, [0x0401], AcsQuirkKind.QcomRootPort, "5028"),
        E("intel-pch-rp", Intel, null, AcsQuirkKind.IntelPch, "5030"),
        E("intel-spt-pch-rp", Intel, null, AcsQuirkKind.IntelSptPch, "5031"),
        // Emulex BE3-R and Skyhawk-R
        E("emulex-mf", 0x19a2, [0x0710], AcsQuirkKind.MultifunctionEndpoint, "5032"),
        E("emulex-mf", 0x10df, [0x0720], AcsQuirkKind.MultifunctionEndpoint, "5033"),
        // one entry whose function changed: v4.11 any device, v4.12 a000-a0ff, v4.14 listed root ports
        E("cavium-all", Cavium, null, AcsQuirkKind.CaviumAnyDevice, "5035 (4.11.0 quirks.c:4088-4099, 4348)"),
        E("cavium-a000-a0ff", Cavium, null, AcsQuirkKind.CaviumA0xx, "5035 (4.12.0 quirks.c:4107-4122, 4370)"),
        E("cavium-thunderx1-rp", Cavium, null, AcsQuirkKind.CaviumRootPort, "5035"),
        E("cavium-mf", Cavium, [0xa026, 0xa059, 0xa060], AcsQuirkKind.MultifunctionEndpoint, "5037-5039"),
        E("amcc-xgene-rp", Amcc, [0xe004], AcsQuirkKind.XgeneRootPort, "5041"),
        E("ampere-rp", Ampere, [0xe005, 0xe006, 0xe007, 0xe008, 0xe009, 0xe00a, 0xe00b, 0xe00c], AcsQuirkKind.XgeneRootPort, "5043-5050"),
        E("broadcom-16d7-mf", Broadcom, [0x16d7], AcsQuirkKind.MultifunctionEndpoint, "5052"),
        E("broadcom-175x-mf", Broadcom, [0x1750, 0x1751, 0x1752], AcsQuirkKind.MultifunctionEndpoint, "5053-5055"),
        E("broadcom-176x-mf", Broadcom, [0x1760, 0x1761, 0x1762, 0x1763], AcsQuirkKind.MultifunctionEndpoint, "5056-5059"),
        E("broadcom-paxb-rp", Broadcom, [0xd714], AcsQuirkKind.BroadcomRootPort, "5060"),
        E("loongson-rp", Loongson, [0x3c09, 0x3c19, 0x3c29, 0x7a09, 0x7a19, 0x7a29, 0x7a39, 0x7a49, 0x7a59, 0x7a69],
            AcsQuirkKind.LoongsonRootPort, "5062-5071"),
        E("annapurna-rp", Annapurna, [0x0031], AcsQuirkKind.AnnapurnaRootPort, "5073"),
        E("zhaoxin-mf", Zhaoxin, [0x3038, 0x3104, 0x9083], AcsQuirkKind.MultifunctionEndpoint, "5075-5077"),
        // LX2xx0A, LX2xx0C, LX2xx0E, LX2xx0N, LX2xx2A, LX2xx2C, LX2xx2E, LX2xx2N (16, 12 and 8 cores each)
        E("nxp-lx2-rp", Nxp, [0x8d81, 0x8da1, 0x8d83, 0x8d80, 0x8da0, 0x8d82, 0x8d90, 0x8db0, 0x8d92, 0x8d91, 0x8db1, 0x8d93,
            0x8d89, 0x8da9, 0x8d8b, 0x8d88, 0x8da8, 0x8d8a, 0x8d98, 0x8db8, 0x8d9a, 0x8d99, 0x8db9, 0x8d9b],
            AcsQuirkKind.NxpRootPort, "5080-5110"),
        E("zhaoxin-ports", Zhaoxin, null, AcsQuirkKind.ZhaoxinPort, "5112"),
        E("wangxun-nics", Wangxun, null, AcsQuirkKind.WangxunNic, "5114"),
    ];

    private static AcsQuirkDevices D(string group, AcsQuirkKind kind, PciDeviceRange[] devices, string lines) =>
        new(group, kind, devices, "quirks.c:" + lines);

    /// <summary>The device lists the functions keep inside themselves, by the group that brings each part.</summary>
    public static IReadOnlyList<AcsQuirkDevices> InnerDevices { get; } =
    [
        D("intel-pch-rp", AcsQuirkKind.IntelPch, [.. IntelPchAcsIds.All], "4686-4712"),
        // Sunrise Point, Union Point; then 7th/8th generation mobile
        D("intel-spt-pch-rp", AcsQuirkKind.IntelSptPch, [new(0xa110, 0xa11f), new(0xa167, 0xa16a), new(0xa290, 0xa29f), new(0xa2e7, 0xa2ee)], "4838-4839"),
        D("intel-spt-pch-mobile-rp", AcsQuirkKind.IntelSptPch, [new(0x9d10, 0x9d1b)], "4840"),
        // ThunderX1 (from v4.14, as (device & 0xf800) == 0xa000 until v5.x), then ThunderX2 and ThunderX3
        D("cavium-thunderx1-rp", AcsQuirkKind.CaviumRootPort, [new(0xa000, 0xa7ff)], "4616"),
        D("cavium-thunderx2-3-rp", AcsQuirkKind.CaviumRootPort, [0xaf84, 0xb884], "4617-4618"),
        D("zhaoxin-ports", AcsQuirkKind.ZhaoxinPort, [new(0x0710, 0x071e), 0x0721, new(0x0723, 0x0732)], "4670-4672"),
        D("zhaoxin-ports-0733-0752", AcsQuirkKind.ZhaoxinPort, [new(0x0733, 0x0752)], "4672"),
        // EM and SP NICs, then the AML NICs
        D("wangxun-nics", AcsQuirkKind.WangxunNic, [new(0x0100, 0x010f), 0x1001, 0x2001], "4936-4937"),
        D("wangxun-aml-nics", AcsQuirkKind.WangxunNic, [0x5010, 0x5025, 0x5040, 0x5110, 0x5125, 0x5140], "4938-4939"),
    ];

    /// <summary>Every group name, in table order: the items switch <c>pci_acs_quirks</c> may hold.</summary>
    public static IReadOnlyList<string> Groups { get; } =
        Entries.Select(e => e.Group).Concat(InnerDevices.Select(d => d.Group)).Distinct(StringComparer.Ordinal).ToArray();
}
