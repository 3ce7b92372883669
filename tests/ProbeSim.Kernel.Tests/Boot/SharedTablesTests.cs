using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>
/// Kernels made from one prepared boot share the tables derived from its inputs (docs/architecture.md); a kernel that
/// keeps no log formats none. Neither may change what a boot does.
/// </summary>
public class SharedTablesTests
{
    private static (BootOptions Options, ProbeSim.DeviceTree.Model.DtTree Tree) Board()
    {
        var path = Path.Combine(TestPaths.Shared, "corpus", "linux-v7.1", "dtb", "arm64", "ti", "k3-am625-verdin-wifi-zinnia.dtb");
        var tree = ProbeSim.DeviceTree.Binary.FdtReader.Read(File.ReadAllBytes(path), path);
        var options = new BootOptions { Profile = "v6.1", Drivers = new KernelDriverTables(Path.Combine(TestPaths.Shared, "kernels", "debian-bookworm-arm64")) };
        return (options, tree);
    }

    private static string[] Outcomes(IEnumerable<ProbeSim.Kernel.DriverCore.Device> devices, ProbeSim.Kernel.Boot.Kernel k) =>
        devices.Select(d => $"{d.Name} bound={d.Bound} drv={d.Driver?.Name} deferred={d.Deferred} reason={d.DeferReason} err={d.LastError} dma={k.DmaOutcome(d)} group={d.Iommu.Group?.Id}").ToArray();

    [Fact]
    public void Kernels_of_one_prepared_boot_end_as_a_kernel_with_tables_of_its_own()
    {
        var (options, tree) = Board();
        var own = options.CreateKernel(tree, "b");
        var ownResult = own.Boot();
        var prepared = options.Prepare(tree, "b");
        for (int i = 0; i < 2; i++)
        {
            var k = prepared.NewKernel();
            var r = k.Boot();
            Assert.Equal(Outcomes(own.Devices, own), Outcomes(k.Devices, k));
            Assert.Equal(ownResult.Log.Select(l => $"{l.TimeUs} {l.Text}"), r.Log.Select(l => $"{l.TimeUs} {l.Text}"));
        }
    }

    [Fact]
    public void A_kernel_without_a_log_formats_no_line_and_ends_the_same()
    {
        var (options, tree) = Board();
        var prepared = options.Prepare(tree, "b");
        var loud = prepared.NewKernel();
        loud.Boot();
        var quiet = prepared.NewKernel(quiet: true);
        quiet.Boot();
        Assert.NotEmpty(loud.Log);
        Assert.Empty(quiet.Log);
        Assert.Equal(Outcomes(loud.Devices, loud), Outcomes(quiet.Devices, quiet));
    }

    [Fact]
    public void Tables_made_for_another_tree_are_refused()
    {
        var (options, tree) = Board();
        var other = TestDts.Compile("/ { };");
        var profile = options.ResolveProfile();
        var tables = new BootTables(other, profile, "");
        var drivers = options.ResolveFor(tree, "b");
        Assert.Throws<ArgumentException>(() => new ProbeSim.Kernel.Boot.Kernel(tree, profile, drivers, "", "b", tables));
    }
}
