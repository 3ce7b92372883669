using ProbeSim.DeviceTree.Tests;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>A malformed row of a PCI driver-table directory is one error naming the file, line and column of the field.</summary>
public class PciDriverTablesErrorTests
{
    private const string Header = "# header comment\n";
    private const string Config = "CONFIG_MODULES=y\nCONFIG_PCIEPORTBUS=y\nCONFIG_PCI_STUB=m\n";
    private const string GoodAlias = "e1000e\t8086\t10d3\t*\t*\t000000\t000000\tpci:v00008086d000010D3sv*sd*bc*sc*i*\n";
    private const string GoodModules = "e1000e\t1\tkernel/drivers/net/ethernet/intel/e1000e/e1000e.ko\t1\npci_stub\t2\tkernel/drivers/pci/pci-stub.ko\t0\n";
    private const string GoodBuiltin = "pcieport\tpcie_portdriver\tCONFIG_PCIEPORTBUS\t1\tdrivers/pci/pcie/portdrv_pci.c:181\t*\t*\t*\t*\t060400\tffffff\t0\tmanaged-dma@drivers/pci/pcie/portdrv_pci.c:205\tnote\n";
    private const string GoodNames = "pci_stub\tpci-stub\tmodule\tdrivers/pci/pci-stub.c:36\tmanaged-dma@drivers/pci/pci-stub.c:39\tliteral\n";

    /// <summary>A valid directory with one row per file, and its config.</summary>
    private static (string Dir, string Config) Tables()
    {
        var dir = TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "pci-module-aliases.tsv"), Header + GoodAlias);
        File.WriteAllText(Path.Combine(dir, "pci-modules.tsv"), Header + GoodModules);
        File.WriteAllText(Path.Combine(dir, "pci-builtin-drivers.tsv"), Header + GoodBuiltin);
        File.WriteAllText(Path.Combine(dir, "pci-driver-names.tsv"), Header + GoodNames);
        var config = Path.Combine(dir, "config.txt");
        File.WriteAllText(config, Config);
        return (dir, config);
    }

    private static KernelTableException Fails(string file, string content, params (string File, string Content)[] others)
    {
        var (dir, config) = Tables();
        foreach (var (f, c) in others) File.WriteAllText(Path.Combine(dir, f), c);
        File.WriteAllText(Path.Combine(dir, file), content);
        var ex = Assert.Throws<KernelTableException>(() => new PciDriverTables(dir, config));
        Assert.Equal(Path.Combine(dir, file), ex.Location.File);
        Assert.Equal($"{Path.Combine(dir, file)}:{ex.Location.Line}:{ex.Location.Column}: error: {ex.Reason}", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static void At(KernelTableException ex, int line, int column, string reasonPart)
    {
        Assert.Equal((line, column), (ex.Location.Line, ex.Location.Column));
        Assert.Contains(reasonPart, ex.Reason);
    }

    [Fact]
    public void The_good_directory_loads()
    {
        var (dir, config) = Tables();
        var t = new PciDriverTables(dir, config);
        Assert.Equal(["pcieport", "e1000e", "pci-stub", "vfio-platform"], t.Drivers.Select(d => d.Name));
        Assert.Equal(new PciId(0x8086, 0x10d3), Assert.Single(t.Drivers[1].PciIds));
    }

    [Fact]
    public void Alias_rows()
    {
        // a wrong field count, a bad id, decoded columns that disagree with the alias, an alias that is not file2alias's form
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10d3\n"), 2, 17, "expected 8 tab-separated fields, found 3");
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10g3\t*\t*\t000000\t000000\tpci:v00008086d000010D3sv*sd*bc*sc*i*\n"), 2, 13, "bad device '10g3'");
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10d4\t*\t*\t000000\t000000\tpci:v00008086d000010D3sv*sd*bc*sc*i*\n"), 2, 13, "device 10d4 is not what the alias gives (10d3)");
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10d3\t*\t*\t020000\tff0000\tpci:v00008086d000010D3sv*sd*bc*sc*i*\n"), 2, 22, "class 020000/ff0000 is not what the alias gives (000000/000000)");
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10d3\t*\t*\t000000\t000000\tusb:v8086p10D3d*\n"), 2, 36, "is not a pci: or vfio_pci: alias");
        At(Fails("pci-module-aliases.tsv", Header + "e1000e\t8086\t10d3\t*\t*\t020001\tff0000\tpci:v00008086d000010D3sv*sd*bc02sc*i*\n"), 2, 22, "has bits outside its mask");
        // a module the package does not have
        At(Fails("pci-module-aliases.tsv", Header + GoodAlias + GoodAlias.Replace("e1000e\t", "e1000x\t")), 3, 1, "module e1000x has aliases but is not in pci-modules.tsv");
    }

    [Fact]
    public void Module_rows()
    {
        At(Fails("pci-modules.tsv", Header + GoodModules.Replace("e1000e.ko\t1", "e1000e.ko\t2")), 2, 61, "module e1000e has 1 rows in pci-module-aliases.tsv, not 2");
        At(Fails("pci-modules.tsv", Header + GoodModules.Replace("pci_stub\t2", "pci_stub\t1")), 3, 10, "order 1 is given to two modules");
        At(Fails("pci-modules.tsv", Header + GoodModules.Replace("pci-stub.ko", "pci-stub.o")), 3, 12, "does not end in .ko");
        At(Fails("pci-modules.tsv", Header + GoodModules.Replace("pci_stub\t2", "pci_stub\tx")), 3, 10, "bad order 'x'");
    }

    [Fact]
    public void Builtin_rows()
    {
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("CONFIG_PCIEPORTBUS", "CONFIG_PCI_STUB")), 2, 26, "CONFIG_PCI_STUB is m in ");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("CONFIG_PCIEPORTBUS", "CONFIG_NOPE")), 2, 26, "CONFIG_NOPE is absent in ");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("portdrv_pci.c:181", "portdrv_pci.c")), 2, 47, "is not FILE:LINE");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("managed-dma@", "managed-dma=")), 2, 106, "unknown flag 'managed-dma=drivers/pci/pcie/portdrv_pci.c:205'");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin + GoodBuiltin.Replace("\t1\tdrivers", "\t2\tdrivers")), 3, 45, "driver pcieport was listed earlier");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("\t*\t*\t*\t*\t060400\tffffff\t0", "\t-\t-\t-\t-\t-\t-\t0")), 2, 94, "a driver whose table is not recorded has '-' here too");
        At(Fails("pci-builtin-drivers.tsv", Header + GoodBuiltin.Replace("\t*\t*\t*\t*\t060400", "\t-\t*\t*\t*\t060400")), 2, 82, "bad vendor '-'");
    }

    [Fact]
    public void Name_rows()
    {
        At(Fails("pci-driver-names.tsv", Header + GoodNames.Replace("pci_stub\t", "pci_stubb\t")), 2, 1, "module pci_stubb is not in pci-modules.tsv");
        At(Fails("pci-driver-names.tsv", Header + GoodNames.Replace("\tmodule\t", "\tbuiltin\t")), 2, 19, "unknown location 'builtin'");
        At(Fails("pci-driver-names.tsv", Header + GoodNames.Replace("\tmodule\tdrivers/pci/pci-stub.c:36", "\tabsent\tdrivers/pci/pci-stub.c:36")), 2, 26, "has no source line");
        At(Fails("pci-driver-names.tsv", Header + GoodNames.Replace("managed-dma@", "async@drivers/x.c:1,managed-dma@drivers/pci/pci-stub.c:39,managed-dma@")), 2, 110, "flag managed-dma is given twice");
        // a fact giving a module the name of another driver
        At(Fails("pci-driver-names.tsv", Header + "e1000e\tpcieport\tmodule\tdrivers/x.c:1\t-\tn\n"), 2, 8, "driver name pcieport is taken: built-in pcie_portdriver");
        // a guessed name (the module's) that a built-in has: at the module's row
        At(Fails("pci-modules.tsv", Header + GoodModules.Replace("e1000e\t1\tkernel/drivers/net/ethernet/intel/e1000e/e1000e.ko", "pcieport\t1\tkernel/x/pcieport.ko"),
            ("pci-module-aliases.tsv", Header + GoodAlias.Replace("e1000e\t", "pcieport\t"))), 2, 1, "driver name pcieport is taken");
    }

    [Fact]
    public void A_missing_file_or_config_is_named()
    {
        var (dir, config) = Tables();
        File.Delete(Path.Combine(dir, "pci-modules.tsv"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => new PciDriverTables(dir, config));
        Assert.Equal($"{dir}: not a PCI driver-table directory (missing pci-modules.tsv)", e.Message);
        var (dir2, _) = Tables();
        Assert.Throws<FileNotFoundException>(() => new PciDriverTables(dir2, Path.Combine(dir2, "nope.txt")));
    }
}
