namespace ProbeSim.Acpi.Tests;

/// <summary>
/// Tables QEMU builds for a q35 machine, as stored in QEMU's own test data (tests/data/acpi/q35/DMAR.dmar, made with
/// <c>-device intel-iommu,intremap=on</c>, and IVRS.ivrs, made with <c>-device amd-iommu</c>), decoded from the git
/// binary patches that added them (qemu-devel, "tests: acpi: add expected blob for DMAR table", 2021-09, and the IVRS
/// one of the same series). They are data, not code; the tests below check them against the iasl listings posted
/// with the same patches, not against this parser.
/// </summary>
internal static class QemuTables
{
    public const string DmarHex =
        "444d4152780000000115424f43485320425850432020202001000000425850430100000026010000000000000000000000004000000000000000d9fe" +
        "000000000308000000ff0000010800000000000001080000000001000108000000001f000108000000001f020108000000001f030200080001000000";

    public const string IvrsHex =
        "49565253680000000143424f43485320425850432020202001000000425850430100000000280000000000000000000010d138001000400000" +
        "00d8fe00000000000000004400000002000000020800000210000002f8000002fa000002fb00004800000000a00001";

    public static byte[] Dmar => Convert.FromHexString(DmarHex);

    public static byte[] Ivrs => Convert.FromHexString(IvrsHex);
}
