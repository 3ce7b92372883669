using System.Text;
using Mono.Unix.Native;
using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests.Outputs;

/// <summary>How an output names an input: by its own path, through a symbolic link, or as a hard link (another name of the same inode).</summary>
public enum LinkKind
{
    Same,
    Symlink,
    Hardlink,
}

/// <summary>
/// A scratch directory with one of every input a command can read: the sample board (and the header it includes),
/// a scenario, a PCI topology and a PCI sysfs dump, a kernel's driver tables, a small kernel tree,
/// two directories of blobs, DTS sources for dtc and fdtoverlay. Each piece is made when first asked for.
/// </summary>
public sealed class Workspace
{
    private int _links;

    public string Root { get; } = TestPaths.NewTempDir();

    public string P(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The sample board copied with its include directory.</summary>
    public string Board => Made(P("board", "probesim-demo.dts"), () =>
    {
        Directory.CreateDirectory(P("board", "include"));
        File.Copy(Path.Combine(TestPaths.Samples, "boards", "probesim-demo.dts"), P("board", "probesim-demo.dts"));
        File.Copy(Path.Combine(TestPaths.Samples, "boards", "include", "probesim-demo.h"), P("board", "include", "probesim-demo.h"));
    });

    /// <summary>The header the sample board includes.</summary>
    public string BoardInclude => Path.Combine(Path.GetDirectoryName(Board)!, "include", "probesim-demo.h");

    /// <summary>The sample board compiled to a blob.</summary>
    public string BoardDtb => Made(P("board.dtb"), () => Compile(Board, P("board.dtb"), "--preprocess", "--include-dir", P("board", "include")));

    public string Scenario => Made(P("scenario.yaml"), () => File.Copy(Path.Combine(TestPaths.Samples, "configs", "demo-initcalls.yaml"), P("scenario.yaml")));

    /// <summary>A PCI topology below the sample board's host bridge (docs/pci-topology.md).</summary>
    public string PciYaml => Made(P("pci.yaml"), () => File.WriteAllText(P("pci.yaml"),
        "pci:\n  host: /soc/pcie@40000000\n  devices:\n    - { slot: 00.0, id: \"1b36:0008\", class: 0x060000 }\n"));

    /// <summary>A sysfs dump with one function: a host bridge (1b36:0008, class 0x060000) with a whole 4 KiB config space.</summary>
    public string PciDump => Made(P("dump"), () =>
    {
        var fn = P("dump", "sys", "devices", "pci0000:00", "0000:00:00.0");
        Directory.CreateDirectory(fn);
        var config = new byte[4096];
        config[0] = 0x36; config[1] = 0x1b; config[2] = 0x08;   // vendor 1b36, device 0008 (PCI spec: offsets 0 and 2)
        config[8] = 0x01; config[11] = 0x06;                    // revision 1, class 06 00 00 (offsets 8..b)
        File.WriteAllBytes(Path.Combine(fn, "config"), config);
    });

    public string PciConfig => Path.Combine(PciDump, "sys", "devices", "pci0000:00", "0000:00:00.0", "config");

    /// <summary>
    /// A kernels directory holding <c>mykernel</c>, a driver set of the layout ../shared/kernels/README.md describes:
    /// every table there, with its header comment and no rows, and a config with CONFIG_MODULES=y.
    /// </summary>
    public string Kernels => Made(P("kernels"), () =>
    {
        Directory.CreateDirectory(P("kernels", "mykernel"));
        foreach (var table in new[] { "of-builtin-match-tables.tsv", "of-module-aliases.tsv", "amba-ids.tsv", "early-of-tables.tsv" })
            File.WriteAllText(P("kernels", "mykernel", table), $"# {table}: no rows\n");
        File.WriteAllText(P("kernels", "mykernel", "config.txt"), "# config.txt\nCONFIG_MODULES=y\n");
    });

    public string Kernel => Path.Combine(Kernels, "mykernel");

    /// <summary>
    /// A kernel tree with one board, <c>src/arm64/vendor/good.dts</c>, which includes <c>include/dt-bindings/irq.h</c> and
    /// takes a property from <c>good.dtb</c> beside it by /incbin/ (so a file named like its blob is one of its inputs).
    /// </summary>
    public string Tree => Made(P("tree"), () =>
    {
        var vendor = P("tree", "src", "arm64", "vendor");
        Directory.CreateDirectory(vendor);
        Directory.CreateDirectory(P("tree", "include", "dt-bindings"));
        File.WriteAllText(P("tree", "include", "dt-bindings", "irq.h"), "#define IRQ_HIGH 4\n");
        File.WriteAllText(Path.Combine(vendor, "good.dtb"), "incbin data\n");
        File.WriteAllText(Path.Combine(vendor, "good.dts"), """
            /dts-v1/;
            #include <dt-bindings/irq.h>
            / { #address-cells = <1>; #size-cells = <1>;
              soc { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges; irq = <IRQ_HIGH>; blob = /incbin/("good.dtb");
                serial@3000000 { compatible = "acme,uart"; reg = <0x3000000 0x1000>; };
              };
            };
            """);
    });

    public string TreeBoard => Path.Combine(Tree, "src", "arm64", "vendor", "good.dts");
    public string TreeIncbin => Path.Combine(Tree, "src", "arm64", "vendor", "good.dtb");
    public string TreeHeader => Path.Combine(Tree, "include", "dt-bindings", "irq.h");

    /// <summary>Two directories with one small blob each (<c>one.dtb</c>).</summary>
    public string DtbA => Made(P("dtb-a"), () => SmallDtb(P("dtb-a")));
    public string DtbB => Made(P("dtb-b"), () => SmallDtb(P("dtb-b")));

    /// <summary>A diff's JSON, for <c>diff merge</c>.</summary>
    public string Slice => Made(P("slice.json"), () =>
        Assert.Equal(0, CliRunner.Run("diff", "--a-dtb", DtbA, "--b-dtb", DtbB, "--profile", "v6.6", "--json", P("slice.json")).ExitCode));

    /// <summary>A DTS for dtc that includes <c>inc.dtsi</c> (/include/).</summary>
    public string DtcSource => Made(P("dtc", "x.dts"), () =>
    {
        Directory.CreateDirectory(P("dtc"));
        File.WriteAllText(P("dtc", "inc.dtsi"), "/ { model = \"inc\"; };\n");
        File.WriteAllText(P("dtc", "x.dts"), "/dts-v1/;\n/include/ \"inc.dtsi\"\n/ { soc: soc { }; };\n");
    });

    public string DtcInclude => Path.Combine(Path.GetDirectoryName(DtcSource)!, "inc.dtsi");

    public string OverlayBase => Made(P("fdt", "base.dts"), () =>
    {
        Directory.CreateDirectory(P("fdt"));
        File.WriteAllText(P("fdt", "base.dts"), "/dts-v1/;\n/ { soc: soc { }; };\n");
    });

    public string Overlay => Made(P("fdt", "extra.dtso"), () =>
    {
        Directory.CreateDirectory(P("fdt"));
        File.WriteAllText(P("fdt", "extra.dtso"), "/dts-v1/;\n/plugin/;\n&soc { extra; };\n");
    });

    /// <summary>
    /// The output path that names <paramref name="input"/>: the input itself, or a new symbolic or hard link to it at
    /// <paramref name="at"/> (default: a fresh name in the workspace).
    /// </summary>
    public string OutputOnto(string input, LinkKind kind, string? at = null)
    {
        if (kind == LinkKind.Same) return input;
        at ??= P($"link-{++_links}.out");
        Directory.CreateDirectory(Path.GetDirectoryName(at)!);
        if (kind == LinkKind.Symlink) File.CreateSymbolicLink(at, input);
        else Assert.Equal(0, Syscall.link(input, at));
        return at;
    }

    private static void SmallDtb(string dir)
    {
        Directory.CreateDirectory(dir);
        var dts = Path.Combine(dir, "one.dts.src");
        File.WriteAllText(dts, "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n"
            + "  soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>; ranges;\n"
            + "    serial@3000000 { compatible = \"acme,uart\"; reg = <0x3000000 0x1000>; }; }; };\n");
        Compile(dts, Path.Combine(dir, "one.dtb"), "-I", "dts");
        File.Delete(dts);
    }

    private static void Compile(string source, string blob, params string[] options)
    {
        var r = CliRunner.Run(["dtc", .. options, "-O", "dtb", "-o", blob, source]);
        Assert.True(r.ExitCode == 0, r.Err);
    }

    private static string Made(string path, Action make)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) make();
        return path;
    }

    /// <summary>A snapshot of a file's bytes, to check it was not touched.</summary>
    public static byte[] Bytes(string path) => File.ReadAllBytes(path);

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
