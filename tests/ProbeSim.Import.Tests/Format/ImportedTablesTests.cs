using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Format;

/// <summary>KernelDriverTables on an imported set: every bus, initcall order, early entries with what they provide.</summary>
public class ImportedTablesTests
{
    [Fact]
    public void AnImportedSetGivesItsOwnDriversInRegistrationOrder()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        var k = DriverSetFormatSample();
        DriverSetFiles.Write(k, dir, "CONFIG_MODULES=y\n");
        var t = new KernelDriverTables(dir, moduleAutoloadAt: 2.0);
        Assert.NotNull(t.ImportedSet);
        // initcall level first (arch_initcall_sync before device), then link order (drivers/clk before drivers/i2c), then modules
        Assert.Equal(["-", "clk", "b", "a-ctl"], t.Drivers.Select(d => d.Name));
        var b = t.Drivers.Single(d => d.Name == "b");
        Assert.Equal((DriverBus.I2c, DriverAvailability.BuiltIn), (b.Bus, b.Availability));
        Assert.Equal(["bchip"], b.BusIds);
        var a = t.Drivers.Single(d => d.Name == "a-ctl");
        Assert.Equal(["acme,a1", "acme,a2"], a.Compatibles);
        Assert.Equal((DriverAvailability.Module, "a_mod", 2.0), (a.Availability, a.Module, a.LoadAt!.Value));
        Assert.True(a.AsyncProbe && a.DriverManagedDma && a.PreventDeferredProbe);
        Assert.NotNull(a.Plan);
        Assert.Equal(new AmbaId(0x00041180, 0xff0fffff), Assert.Single(t.Drivers.Single(d => d.Name == "-").AmbaIds));
        var e = Assert.Single(t.EarlyTables);
        Assert.Equal((EarlyTable.ClkDriver, "acme,cru", true), (e.Table, e.Compatible, e.LeavesNodeToDriver));
        Assert.Equal([EarlyProvides.Clock, EarlyProvides.Reset], e.Provides);
    }

    private static ImportedKernel DriverSetFormatSample()
    {
        var k = DriverSetFilesTests.Sample();
        return k with
        {
            Drivers = [.. k.Drivers, new ImportedDriver { Id = "drivers/clk/k.c:k", Name = "clk", Bus = ImportedBus.Platform, Status = BuildStatus.BuiltIn, Initcall = InitcallLevel.Device, Source = new("drivers/clk/k.c", 1) },
                       new ImportedDriver { Id = "drivers/z.c:z", Name = "z", Bus = ImportedBus.Platform, Status = BuildStatus.NotBuilt, Source = new("drivers/z.c", 1) }],
        };
    }
}
