using System.Text;
using ProbeSim.Import.Package;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Package;

public class PackageTests
{
    /// <summary>A minimal little-endian ELF64 file: a null section, .modinfo, .shstrtab (the layout of a kernel module's headers).</summary>
    internal static byte[] Elf(string modinfo)
    {
        var info = Encoding.ASCII.GetBytes(modinfo);
        var names = Encoding.ASCII.GetBytes("\0.modinfo\0.shstrtab\0");
        int infoOff = 64, namesOff = infoOff + info.Length, shoff = (namesOff + names.Length + 7) & ~7;
        var b = new byte[shoff + 3 * 64];
        b[0] = 0x7f; b[1] = (byte)'E'; b[2] = (byte)'L'; b[3] = (byte)'F'; b[4] = 2; b[5] = 1; b[6] = 1;
        BitConverter.GetBytes((ulong)shoff).CopyTo(b, 0x28);
        BitConverter.GetBytes((ushort)64).CopyTo(b, 0x3A);
        BitConverter.GetBytes((ushort)3).CopyTo(b, 0x3C);
        BitConverter.GetBytes((ushort)2).CopyTo(b, 0x3E);
        info.CopyTo(b, infoOff);
        names.CopyTo(b, namesOff);
        void Section(int i, uint name, int off, int size)
        {
            int at = shoff + i * 64;
            BitConverter.GetBytes(name).CopyTo(b, at);
            BitConverter.GetBytes((ulong)off).CopyTo(b, at + 0x18);
            BitConverter.GetBytes((ulong)size).CopyTo(b, at + 0x20);
        }
        Section(1, 1, infoOff, info.Length);
        Section(2, 10, namesOff, names.Length);
        return b;
    }

    [Fact]
    public void ModinfoSectionOfAnElfModule()
    {
        var path = Path.Combine(DeviceTree.Tests.TestPaths.NewTempDir(), "demo.ko");
        File.WriteAllBytes(path, Elf("license=GPL\0alias=of:N*T*Cacme,demoC*\0name=demo_mod\0"));
        var pairs = ElfSections.ModinfoPairs(ElfSections.Read(path, ".modinfo")!).ToList();
        Assert.Equal([("license", "GPL"), ("alias", "of:N*T*Cacme,demoC*"), ("name", "demo_mod")], pairs);
        Assert.Null(ElfSections.Read(path, ".nothing"));
    }

    [Theory]
    [InlineData("xz", ".ko.xz")]
    [InlineData("gzip", ".ko.gz")]
    [InlineData("zstd", ".ko.zst")]
    public void CompressedModulesAreReadAsKbuildInstallsThem(string tool, string ending)
    {
        // scripts/Makefile.modinst: CONFIG_MODULE_COMPRESS_XZ (Debian 13) installs foo.ko.xz, made by the xz tool itself
        var dir = DeviceTree.Tests.TestPaths.NewTempDir();
        var plain = Path.Combine(dir, "demo.ko");
        File.WriteAllBytes(plain, Elf("alias=of:N*T*Cacme,demoC*\0name=demo_mod\0"));
        KernelPackage.Run(tool, ["-q", plain]);
        var packed = Path.Combine(dir, "demo" + ending);
        Assert.True(File.Exists(packed));
        Assert.True(ModuleFile.IsModule(packed));
        Assert.Equal("demo", ModuleFile.BaseName(packed));
        var pairs = ElfSections.ModinfoPairs(ElfSections.Read(packed, ".modinfo")!).ToList();
        Assert.Equal([("alias", "of:N*T*Cacme,demoC*"), ("name", "demo_mod")], pairs);
    }

    [Fact]
    public void ACorruptCompressedModuleIsOneClearError()
    {
        var path = Path.Combine(DeviceTree.Tests.TestPaths.NewTempDir(), "bad.ko.xz");
        File.WriteAllBytes(path, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, 1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => ElfSections.Read(path, ".modinfo"));
        Assert.StartsWith($"{path}: ", e.Message);
    }

    [Fact]
    public void NotAnElfFileIsOneClearError()
    {
        var path = Path.Combine(DeviceTree.Tests.TestPaths.NewTempDir(), "bad.ko");
        File.WriteAllBytes(path, new byte[100]);
        var e = Assert.Throws<InvalidDataException>(() => ElfSections.Read(path, ".modinfo"));
        Assert.Equal($"{path}: not an ELF file", e.Message);
    }

    [Theory]
    [InlineData("of:N*T*Cacme,demo", null, null, "acme,demo")]
    [InlineData("of:N*T*Cacme,demoC*", null, null, "acme,demo")]
    [InlineData("of:NipmiTipmi*Cacme,bmc", "ipmi", "ipmi", "acme,bmc")]
    public void OfAliasesSplitAsFile2aliasWritesThem(string alias, string? name, string? type, string compatible) =>
        Assert.Equal((name, type, compatible), KernelPackage.ParseOfAlias(alias)!.Value);

    [Fact]
    public void PackageTreeAndAgreement()
    {
        var (tree, config) = ImporterTests.DemoTree();
        var pkg = DeviceTree.Tests.TestPaths.NewTempDir();
        var rel = Path.Combine(pkg, "lib", "modules", "9.8.7-1-arm64");
        Directory.CreateDirectory(Path.Combine(rel, "kernel", "drivers", "gpu"));
        File.WriteAllText(Path.Combine(rel, "modules.builtin"), "kernel/drivers/clk/clk-demo.ko\n");
        File.WriteAllBytes(Path.Combine(rel, "kernel", "drivers", "gpu", "gfx.ko"), Elf("alias=of:N*T*Cacme,hdmi\0alias=of:N*T*Cacme,gone\0name=gfx\0"));
        var reference = DeviceTree.Tests.TestPaths.NewTempDir();
        File.WriteAllText(Path.Combine(reference, "of-builtin-match-tables.tsv"), "# header\nacme,cru\tt\tplatform_driver\td\tdemo-clk\tf\t-\t.rodata\t*\t*\n");
        File.WriteAllText(Path.Combine(reference, "early-of-tables.tsv"), "# header\n__clk_of_table\tacme,cru\te\tx_of_clk_init_driver\t\t\n__timer_of_table\tacme,timer\te\tt\t\t\n");
        var outcome = KernelImporter.ImportWithReport(new ImportRequest(tree.Root, config, "arm64") { PackagePath = pkg, ReferenceTables = reference });
        Assert.Equal("9.8.7-1-arm64", outcome.Kernel.Manifest.Release);
        // the built-in driver's module name is kept when modules.builtin names it
        Assert.Equal("clk_demo", outcome.Kernel.Drivers.Single(d => d.Name == "demo-clk").Module);
        var a = outcome.Agreement!;
        Assert.Equal(
            [("acme,cru", "builtin", true), ("acme,cru", "early:__clk_of_table", true), ("acme,gone", "module:gfx", false), ("acme,hdmi", "module:gfx", true), ("acme,timer", "early:__timer_of_table", false)],
            a.Rows.Select(r => (r.Compatible, r.PackageStatus, r.Agrees)));
        Assert.Equal("agreement: 3 agree, 2 disagree (builtin 1/1, early 1/2, module 1/2)", a.Summary());
        Assert.Equal("absent", a.Rows.Single(r => r.Compatible == "acme,gone").ImportStatus);
    }
}
