using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Model;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Pci;

namespace ProbeSim.Kernel.Tests.OracleIommu;

/// <summary>
/// One oracle case in this folder: the board the real kernel booted (board.dts), the PCI config space it recorded (a
/// sysfs dump) and Debian 12's arm64 driver tables (read once for all cases).
/// </summary>
internal sealed class OracleCase(string name)
{
    private static readonly Lazy<KernelDriverTables> DebianTables = new(() =>
        new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64"), moduleAutoloadAt: null));

    public static KernelDriverTables Debian => DebianTables.Value;

    public string Dir { get; } = Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.Kernel.Tests", "OracleIommu", name);

    public DtTree Tree() => new DeviceTreeLoader().Load(Path.Combine(Dir, "board.dts"), new LoadOptions { Format = InputFormat.Dts }).Tree;

    public PciTopology Pci() => PciSysfsDump.Load(Path.Combine(Dir, "dump")).Single();
}
