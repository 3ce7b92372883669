using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// Debian 12's own blobs (../shared/corpus/debian-6.1-arm64/dtb) booted with a bundled driver set imported from a
/// Debian kernel: Debian 12's (kernels/debian-6.1-arm64, profile debian-6.1) or Debian 13's (kernels/debian-6.12-arm64,
/// profile debian-6.12). Each set is read once.
/// </summary>
internal static class DebianBlobs
{
    private static readonly Lazy<KernelDriverTables> Bookworm = new(() => Set("debian-6.1-arm64"));
    private static readonly Lazy<KernelDriverTables> Trixie = new(() => Set("debian-6.12-arm64"));

    /// <summary>The bundled set (read once).</summary>
    public static KernelDriverTables Tables(bool trixie) => trixie ? Trixie.Value : Bookworm.Value;

    private static KernelDriverTables Set(string name) => new(Path.Combine(TestPaths.RepoRoot, "kernels", name));

    public static BootResult Boot(string board, bool trixie = false)
    {
        var path = Path.Combine(TestPaths.Shared, "corpus", "debian-6.1-arm64", "dtb", board);
        var tree = new DeviceTreeLoader().Load(path, new LoadOptions { Format = InputFormat.Dtb }).Tree;
        var options = trixie
            ? new BootOptions { Profile = "debian-6.12", Drivers = Trixie.Value }
            : new BootOptions { Profile = "debian-6.1", Drivers = Bookworm.Value };
        return options.Boot(tree, Path.GetFileName(board));
    }
}
