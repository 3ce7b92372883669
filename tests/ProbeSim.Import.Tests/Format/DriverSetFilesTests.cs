using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Format;

public class DriverSetFilesTests
{
    internal static ImportedKernel Sample() => new()
    {
        Manifest = new ImportManifest
        {
            FormatVersion = 2, KernelVersion = "9.8.7", Release = "9.8.7-1-arm64", Arch = "arm64", Command = "probesim kernel import --source s",
            Generator = "probesim test", Inputs = [new ImportInput("source", "linux", "9.8.7", null), new ImportInput("config", ".config", null, new string('a', 64))],
        },
        Drivers =
        [
            new ImportedDriver { Id = "drivers/b.c:b_drv", Name = "b", Bus = ImportedBus.I2c, Status = BuildStatus.BuiltIn, Initcall = InitcallLevel.Device, ProbeFunction = "b_probe", Source = new("drivers/b.c", 40) },
            new ImportedDriver { Id = "drivers/a.c:a_drv", Name = "a-ctl", Bus = ImportedBus.Platform, Status = BuildStatus.Module, Module = "a_mod", Initcall = InitcallLevel.Device, RegisteredBy = "drivers/x.c:x_init", AsyncProbe = true, DriverManagedDma = true, PreventDeferredProbe = true, Source = new("drivers/a.c", 12) },
            new ImportedDriver { Id = "drivers/c.c:c_drv", Name = "-", Bus = ImportedBus.Amba, Status = BuildStatus.BuiltIn, Initcall = InitcallLevel.ArchSync, Source = new("drivers/c.c", 3) },
        ],
        Matches =
        [
            new ImportedMatch("drivers/a.c:a_drv", MatchKind.Of, "acme,a2", 1, new("drivers/a.c", 5)),
            new ImportedMatch("drivers/a.c:a_drv", MatchKind.Of, "acme,a1", 0, new("drivers/a.c", 4)) { NodeName = "n", DeviceType = "t" },
            new ImportedMatch("drivers/b.c:b_drv", MatchKind.I2c, "bchip", 0, new("drivers/b.c", 30)),
            new ImportedMatch("drivers/a.c:a_drv", MatchKind.Of, "", 2, new("drivers/a.c", 6)) { NodeName = "only-a-name" },
            new ImportedMatch("drivers/c.c:c_drv", MatchKind.Amba, "00041180/ff0fffff", 0, new("drivers/c.c", 2)),
        ],
        Plans =
        [
            new ProbePlan("drivers/a.c:a_drv",
            [
                new PlanStep { Kind = PlanStepKind.Request, Resource = PlanResource.Clock, Lookup = PlanLookup.Name, Name = "bus", Policy = PlanPolicy.OptionalDeferPropagates, Message = new PlanMessage(PlanMessageKind.Error, "failed\tto get\nclock \\ bus"), Function = "a_probe", Source = new("drivers/a.c", 70) },
                new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "a-regulator", Compatible = "acme,a-reg", NodeName = "regulators", Index = 2, Source = new("drivers/a.c", 80) },
            ], false),
            new ProbePlan("drivers/b.c:b_drv", [], true),
        ],
        EarlyInits =
        [
            new ImportedEarlyInit { Table = EarlyTable.ClkDriver, Compatible = "acme,cru", InitFunction = "cru_init", Status = BuildStatus.BuiltIn, Provides = [EarlyProvides.Clock, EarlyProvides.Reset], LeavesNodeToDriver = true, Source = new("drivers/clk/cru.c", 9) },
        ],
        Unknowns = [new ImportedUnknown("drivers/Makefile", "kbuild", "uses $$(shell)", null) { Cause = UnknownCause.KbuildUnevaluated }, new ImportedUnknown("drivers/a.c:a_drv", "plan", "the scanner failed", new("drivers/a.c", 1)) { Cause = UnknownCause.PlanScannerFailed }],
    };

    [Fact]
    public void RoundTripKeepsEveryFieldAndWritesDeterministically()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        var k = Sample() with { Unknowns = [new ImportedUnknown("drivers/Makefile", "kbuild", "uses $$(shell)", null) { Cause = UnknownCause.KbuildUnevaluated }] };
        DriverSetFiles.Write(k, dir, "CONFIG_MODULES=y\n");
        var back = DriverSetFiles.TryRead(dir)!;
        Assert.Equal(k.Manifest with { Inputs = [] }, back.Manifest with { Inputs = [] });
        Assert.Equal(k.Manifest.Inputs, back.Manifest.Inputs);
        Assert.Equal(k.Drivers.OrderBy(d => d.Id, StringComparer.Ordinal), back.Drivers);
        Assert.Equal(k.Matches.OrderBy(m => m.DriverId, StringComparer.Ordinal).ThenBy(m => m.Order), back.Matches);
        Assert.Equal(2, back.Plans.Count);
        Assert.Equal(k.Plans[0].Steps, back.Plans[0].Steps);
        Assert.Equal((false, true), (back.Plans[0].Complete, back.Plans[1].Complete));
        Assert.Empty(back.Plans[1].Steps);
        var e = Assert.Single(back.EarlyInits);
        Assert.Equal(k.EarlyInits[0] with { Provides = [] }, e with { Provides = [] });
        Assert.Equal(k.EarlyInits[0].Provides, e.Provides);
        Assert.Equal(k.Unknowns, back.Unknowns);

        var again = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(back, again, "CONFIG_MODULES=y\n");
        foreach (var f in Directory.GetFiles(dir))
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(again, Path.GetFileName(f))));
        Assert.DoesNotContain("\r", File.ReadAllText(Path.Combine(dir, "drivers.tsv")));
    }

    [Fact]
    public void LegacyTablesAreReadableByTheOldLayout()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(Sample(), dir, "CONFIG_MODULES=y\n");
        Assert.Empty(KernelTableDirectory.Missing(dir));
        var modules = File.ReadAllLines(Path.Combine(dir, "of-module-aliases.tsv"));
        Assert.Contains("acme,a1\ta_mod\tof:NnTt*Cacme,a1\tn\tt\t-", modules);
        Assert.Contains("acme,a2\ta_mod\tof:N*T*Cacme,a2C*\t*\t*\t-", modules);
        Assert.DoesNotContain(modules, l => l.StartsWith('\t'));
        new KernelDriverTables(dir); // the binary-layout tables still parse
        Assert.Contains("amba:d00?41180\tbuiltin\t-\t00041180\tff0fffff\tc_drv\tdrivers/c.c", File.ReadAllLines(Path.Combine(dir, "amba-ids.tsv")));
        Assert.Contains("__clk_of_table\tacme,cru\t__of_table_cru_init\tcru_init_of_clk_init_driver\t\t", File.ReadAllLines(Path.Combine(dir, "early-of-tables.tsv")));
    }

    [Fact]
    public void NoManifestMeansNotAnImportedSet() =>
        Assert.Null(DriverSetFiles.TryRead(DeviceTree.Tests.TestPaths.NewTempDir()));

    [Theory]
    [InlineData("drivers.tsv", "drivers/a.c:a_drv\ta\tcan-bus\tbuilt-in\t-\tdevice\t-\tno\tno\tno\t-\tdrivers/a.c:1", 2, 21, "unknown bus 'can-bus'")]
    [InlineData("drivers.tsv", "drivers/a.c:a_drv\ta\tplatform\tbuilt-in\t-\tdevice\t-\tmaybe\tno\tno\t-\tdrivers/a.c:1", 2, 50, "bad async_probe 'maybe' (expected yes or no)")]
    [InlineData("drivers.tsv", "drivers/a.c:a_drv\ta\tplatform", 2, 29, "expected 12 tab-separated fields, found 3")]
    [InlineData("matches.tsv", "drivers/zz.c:z\t0\tof\tacme,z\t-\t-\tdrivers/zz.c:1\t-", 2, 1, "driver drivers/zz.c:z is not in drivers.tsv")]
    [InlineData("matches.tsv", "drivers/a.c:a_drv\tfirst\tof\tacme,z\t-\t-\tdrivers/a.c:1\t-", 2, 19, "bad order 'first' (expected a non-negative number)")]
    [InlineData("plans.tsv", "drivers/a.c:a_drv\tno\t2\trequest\tclock\tindex\t-\t0\trequired\t-\t-\t-\t-\t-\t-\tdrivers/a.c:9\t-", 2, 22, "expected step 1, found 2")]
    [InlineData("plans.tsv", "drivers/a.c:a_drv\tno\t1\trequest\tclock\tindex\t-\t0\trequired\tdev-err-probe\t-\t-\t-\t-\t-\tdrivers/a.c:9\t-", 2, 71, "message_kind and message are given together")]
    [InlineData("unknowns.tsv", "s\tf\tguessed\tsome reason\t-", 2, 5, "unknown cause 'guessed'")]
    [InlineData("early-inits.tsv", "clk\tacme,x\tx_init\tbuilt-in\tclock,teleport\tno\tdrivers/x.c:1", 2, 28, "unknown provides 'teleport'")]
    [InlineData("unknowns.tsv", "s\tf\tentry-unread\tbad \\q escape\t-", 2, 18, "unknown escape '\\q'")]
    public void MalformedRowsNameFileLineAndColumn(string file, string row, int line, int column, string reason)
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(Sample() with { Plans = [], Matches = [], Unknowns = [], EarlyInits = [], Drivers = [Sample().Drivers[1]] }, dir);
        var path = Path.Combine(dir, file);
        File.WriteAllText(path, File.ReadAllLines(path)[0] + "\n" + row + "\n");
        var e = Assert.Throws<KernelTableException>(() => DriverSetFiles.TryRead(dir));
        Assert.Equal((path, line, column), (e.Location.File, e.Location.Line, e.Location.Column));
        Assert.StartsWith(reason, e.Reason);
    }

    [Fact]
    public void AnotherFormatVersionIsRefused()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(Sample(), dir);
        var path = Path.Combine(dir, "manifest.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"formatVersion\": 2", "\"formatVersion\": 3"));
        var e = Assert.Throws<KernelTableException>(() => DriverSetFiles.TryRead(dir));
        Assert.Equal((2, 3), (e.Location.Line, e.Location.Column));
        Assert.Contains("format 3 is not supported (this probesim reads formats 1 to 2)", e.Message);
    }

    [Fact]
    public void Format2AddsTheRsbAndSpmiBusesAndProbeOfMatches()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        var k = Sample();
        var v2 = k with
        {
            Manifest = k.Manifest with { FormatVersion = 2 },
            Drivers = [.. k.Drivers,
                new ImportedDriver { Id = "drivers/r.c:r_drv", Name = "r", Bus = ImportedBus.SunxiRsb, Status = BuildStatus.Module, Module = "r", Initcall = InitcallLevel.Device, Source = new("drivers/r.c", 9) },
                new ImportedDriver { Id = "drivers/s.c:s_drv", Name = "s", Bus = ImportedBus.Spmi, Status = BuildStatus.Module, Module = "s", Initcall = InitcallLevel.Device, Source = new("drivers/s.c", 9) }],
            Matches = [.. k.Matches, new ImportedMatch("drivers/c.c:c_drv", MatchKind.ProbeOf, "acme,c", 1, new("drivers/c.c", 20)),
                new ImportedMatch("drivers/a.c:a_drv", MatchKind.Of, "acme,a3", 3, new("drivers/a.c", 7)) { Data = "CHIP_A3" }],
            Plans = [new ProbePlan("drivers/a.c:a_drv",
                [new PlanStep { Kind = PlanStepKind.Children, Child = ChildKind.MfdCell, Name = "a3-regulator", When = "CHIP_A3,CHIP_A4", Source = new("drivers/a.c", 90) }], true)],
        };
        DriverSetFiles.Write(v2, dir);
        Assert.Contains("drivers/r.c:r_drv\tr\tsunxi-rsb\t", File.ReadAllText(Path.Combine(dir, "drivers.tsv")));
        Assert.Contains("drivers/c.c:c_drv\t1\tprobe-of\tacme,c\t", File.ReadAllText(Path.Combine(dir, "matches.tsv")));
        var back = DriverSetFiles.TryRead(dir)!;
        Assert.Equal([ImportedBus.SunxiRsb, ImportedBus.Spmi], back.Drivers.Where(d => d.Id is "drivers/r.c:r_drv" or "drivers/s.c:s_drv").OrderBy(d => d.Id).Select(d => d.Bus));
        Assert.Contains(back.Matches, m => m.Kind == MatchKind.ProbeOf && m.Value == "acme,c");
        Assert.Equal("CHIP_A3", back.Matches.Single(m => m.Value == "acme,a3").Data);
        Assert.Equal("CHIP_A3,CHIP_A4", back.Plans.Single().Steps.Single().When);
    }

    [Fact]
    public void Format1StillReadsAndRefusesFormat2Values()
    {
        // a version 1 directory (the columns format 2 added taken out) is read as before; its messages are the driver's
        // dev_err_probe text on a request or deferral, its unknowns have no recorded cause; a format 2 value is refused
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(Sample() with { Unknowns = [new ImportedUnknown("drivers/Makefile", "kbuild", "uses $$(shell)", null) { Cause = UnknownCause.KbuildUnevaluated }] }, dir);
        void Drop(string file, params int[] columns) => File.WriteAllLines(Path.Combine(dir, file), File.ReadAllLines(Path.Combine(dir, file))
            .Select(l => l.StartsWith('#') ? l : string.Join('\t', l.Split('\t').Where((_, i) => !columns.Contains(i)))));
        Drop("matches.tsv", 7);
        Drop("plans.tsv", 9, 16);
        Drop("unknowns.tsv", 2);
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"formatVersion\": 2", "\"formatVersion\": 1"));
        var v1 = DriverSetFiles.TryRead(dir)!;
        Assert.Equal(1, v1.Manifest.FormatVersion);
        Assert.Equal(new PlanMessage(PlanMessageKind.DevErrProbe, "failed\tto get\nclock \\ bus"), v1.Plans[0].Steps[0].Message);
        Assert.Equal(UnknownCause.NotRecorded, Assert.Single(v1.Unknowns).Cause);
        var drivers = Path.Combine(dir, "drivers.tsv");
        File.AppendAllText(drivers, "drivers/s.c:s_drv\ts\tspmi\tmodule\ts\tdevice\t-\tno\tno\tno\t-\tdrivers/s.c:9\n");
        var e = Assert.Throws<KernelTableException>(() => DriverSetFiles.TryRead(dir));
        Assert.Equal((drivers, 21), (e.Location.File, e.Location.Column)); // the bus field
        Assert.Contains("needs driver-set format 2", e.Reason);
    }

    [Fact]
    public void BrokenJsonIsLocated()
    {
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        DriverSetFiles.Write(Sample(), dir);
        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{\n  \"formatVersion\": 1,\n  oops\n}\n");
        var e = Assert.Throws<KernelTableException>(() => DriverSetFiles.TryRead(dir));
        Assert.Equal(3, e.Location.Line);
    }
}
