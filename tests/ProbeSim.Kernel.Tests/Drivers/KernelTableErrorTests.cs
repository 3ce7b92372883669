using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>Malformed kernel table rows are errors naming the file, line and column of the field.</summary>
public class KernelTableErrorTests
{
    private const string Header = "# header comment\n";

    /// <summary>A driver-set directory whose tables hold only their header line (<see cref="KernelTableDirectory.RequiredFiles"/>).</summary>
    internal static string EmptyDriverSet(string? dir = null)
    {
        dir ??= TestPaths.NewTempDir();
        Directory.CreateDirectory(dir);
        foreach (var f in KernelTableDirectory.RequiredFiles) File.WriteAllText(Path.Combine(dir, f), Header);
        return dir;
    }

    private static KernelTableException Fails(string file, string content)
    {
        var dir = EmptyDriverSet();
        File.WriteAllText(Path.Combine(dir, file), content);
        var ex = Assert.Throws<KernelTableException>(() => new KernelDriverTables(dir));
        Assert.Equal(Path.Combine(dir, file), ex.Location.File);
        Assert.StartsWith($"{Path.Combine(dir, file)}:{ex.Location.Line}:{ex.Location.Column}: error: ", ex.Message);
        return ex;
    }

    private static void At(KernelTableException ex, int line, int column, string reasonPart)
    {
        Assert.Equal((line, column), (ex.Location.Line, ex.Location.Column));
        Assert.Contains(reasonPart, ex.Reason);
    }

    [Fact]
    public void Builtin_match_table_errors()
    {
        const string good = "a,b\ttab\tplatform_driver\tdrv\tdrv-name\tdrivers/x.c\t-\t.rodata\t*\t*\n";
        At(Fails("of-builtin-match-tables.tsv", Header + good + "a,c\ttab\tusb_driver\tdrv\tn\tdrivers/x.c\t-\t.rodata\t*\t*\n"), 3, 9, "unknown binding 'usb_driver'");
        At(Fails("of-builtin-match-tables.tsv", Header + "a,c\ttab\tplatform_driver\t-\tn\tdrivers/x.c\t-\t.rodata\t*\t*\n"), 2, 25, "needs a driver symbol");
        At(Fails("of-builtin-match-tables.tsv", Header + "a,c\ttab\tplatform_driver\n"), 2, 24, "expected 10 tab-separated fields, found 3");
        At(Fails("of-builtin-match-tables.tsv", Header + good.TrimEnd('\n') + "\textra\n"), 2, 64, "found 11");
        At(Fails("of-builtin-match-tables.tsv", Header + "\ttab\tnone\t-\t-\tdrivers/x.c\t-\t.rodata\t*\t*\n"), 2, 1, "empty compatible");
        At(Fails("of-builtin-match-tables.tsv", Header + good + "a,c\ttab\tplatform_driver\tdrv\tother\tdrivers/x.c\t-\t.rodata\t*\t*\n"), 3, 29, "listed earlier");
    }

    [Fact]
    public void Module_alias_errors()
    {
        At(Fails("of-module-aliases.tsv", Header + "ad,x\tad_x\tpci:N*T*Cad,x\t*\t*\tkernel/x.ko\n"), 2, 11, "must start with 'of:'");
        At(Fails("of-module-aliases.tsv", Header + "ad,x\t\tof:N*T*Cad,x\t*\t*\tkernel/x.ko\n"), 2, 6, "empty module");
        At(Fails("of-module-aliases.tsv", Header + "ad,x\tad_x\tof:N*T*Cad,x\t*\t\tkernel/x.ko\n"), 2, 26, "empty device type");
    }

    [Fact]
    public void Early_table_errors()
    {
        At(Fails("early-of-tables.tsv", Header + "__bogus_of_table\ta,b\tsym\tfn\t\t\n"), 2, 1, "unknown early table '__bogus_of_table'");
        At(Fails("early-of-tables.tsv", Header + "__clk_of_table\ta,b\t\tfn\t\t\n"), 2, 20, "empty entry symbol");
    }

    [Fact]
    public void Amba_id_errors()
    {
        At(Fails("amba-ids.tsv", Header + "amba:d1\tbuiltin\tx\t0004101G\t000fffff\tx_drv\tdrivers/x.c\n"), 2, 19, "bad id '0004101G'");
        At(Fails("amba-ids.tsv", Header + "amba:d1\tbuiltin\tx\t00041011\t-\tx_drv\tdrivers/x.c\n"), 2, 19, "both be '-'");
        At(Fails("amba-ids.tsv", Header + "amba:d1\telsewhere\tx\t00041011\t000fffff\tx_drv\tdrivers/x.c\n"), 2, 9, "unknown location 'elsewhere'");
        At(Fails("amba-ids.tsv", Header + "amba:d1\tbuiltin\tx\t000410110\t000fffff\tx_drv\tdrivers/x.c\n"), 2, 19, "up to 8 hex digits");
    }

    [Fact]
    public void Config_errors()
    {
        At(Fails("config.txt", "# c\nCONFIG_MODULES=y\nMODULES=y\n"), 3, 1, "expected CONFIG_NAME=value");
    }

    [Fact]
    public void A_minimal_directory_loads()
    {
        var dir = EmptyDriverSet();
        File.WriteAllText(Path.Combine(dir, "config.txt"), "# CONFIG_MODULES is not set\nCONFIG_OF=y\n");
        File.WriteAllText(Path.Combine(dir, "of-builtin-match-tables.tsv"), Header +
            "a,b\ttab\tplatform_driver\tb_drv\tb\tdrivers/z.c\t-\t.rodata\t*\t*\n" +
            "a,c\ttab2\tplatform_driver\tc_drv\tc\tdrivers/a.c\t-\t.rodata\t*\t*\n" +
            "a,c2\ttab2\tplatform_driver\tc_drv\tc\tdrivers/a.c\t-\t.rodata\t*\t*\n");
        var t = new KernelDriverTables(dir);
        Assert.False(t.Modules);
        Assert.Equal("n", t.Config["CONFIG_MODULES"]);
        Assert.Equal(new[] { "c", "b" }, t.Drivers.Select(d => d.Name));
        Assert.Equal(new[] { "a,c", "a,c2" }, t.Drivers[0].Compatibles);
        Assert.Empty(t.EarlyTables);
    }
}
