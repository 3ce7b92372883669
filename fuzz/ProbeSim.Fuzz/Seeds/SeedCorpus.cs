using System.Reflection;
using System.Text;
using ProbeSim.DeviceTree;
using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Fuzz.Seeds;

/// <summary>A seed file: a name (for the replay printout) and its bytes.</summary>
public sealed record Seed(string Name, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);
}

/// <summary>
/// The inputs mutations start from: the harness's own small corpus (fuzz/ProbeSim.Fuzz/corpus) and inputs the repository
/// already has (the sample board, test device trees, scenarios and a PCI sysfs dump), all embedded in the assembly;
/// blobs compiled from the device-tree seeds; facts about the sample board (device names, paths, compatibles) for
/// scenario and argument values. Read-only once built, shared by every generator of a process.
/// </summary>
public sealed class SeedCorpus
{
    public const string SampleHeader = "probesim-demo.h";

    private SeedCorpus(Dictionary<string, byte[]> files)
    {
        Files = files;
        Seed Get(string name) => new(name, files[name]);
        IReadOnlyList<Seed> Under(string prefix, params string[] exts) => files.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && exts.Any(e => k.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).Select(Get).ToList();

        SampleBoard = Get("samples/probesim-demo.dts");
        SampleHeaderText = files["samples/include/" + SampleHeader];
        PciBoard = Get("pciboard/board.dts");
        Dts = new[] { SampleBoard, PciBoard }.Concat(Under("dts/", ".dts")).ToList();
        Overlays = Under("overlay/", ".dtso");
        Scenarios = Under("scenario/", ".yaml");
        PciYaml = Under("pci/", ".yaml");
        KernelTables = Under("kernel/", ".tsv", ".txt");
        AcpiTables = Under("acpi/", "");
        SysfsDump = Under("sysfs/", "config").Select(s => s with { Name = s.Name["sysfs/".Length..] }).ToList();

        var blobs = new List<Seed>();
        foreach (var s in Dts)
            if (Compile(s) is { } blob) blobs.Add(new Seed(Path.ChangeExtension(s.Name, ".dtb"), blob));
        foreach (var s in Overlays)
            if (Compile(s) is { } blob) blobs.Add(new Seed(Path.ChangeExtension(s.Name, ".dtbo"), blob));
        blobs.AddRange(Under("dtb/", ".dtb", ".dtbo"));
        Dtbs = blobs;
        SampleDtb = blobs.First(b => b.Name == "samples/probesim-demo.dtb").Bytes;
        OverlayDtb = blobs.First(b => b.Name.EndsWith(".dtbo", StringComparison.Ordinal)).Bytes;
        Sample = BoardFacts.From(CompileTree(SampleBoard)!);
        PciBoardFacts = BoardFacts.From(CompileTree(PciBoard)!);
    }

    public IReadOnlyDictionary<string, byte[]> Files { get; }
    public Seed SampleBoard { get; }
    public byte[] SampleHeaderText { get; }
    public Seed PciBoard { get; }
    public IReadOnlyList<Seed> Dts { get; }
    public IReadOnlyList<Seed> Overlays { get; }
    public IReadOnlyList<Seed> Dtbs { get; }
    public byte[] SampleDtb { get; }
    public byte[] OverlayDtb { get; }
    public IReadOnlyList<Seed> Scenarios { get; }
    public IReadOnlyList<Seed> PciYaml { get; }
    public IReadOnlyList<Seed> KernelTables { get; }

    /// <summary>Real ACPI tables (QEMU q35's DMAR and IVRS), named <c>acpi/SIGNATURE.origin</c>.</summary>
    public IReadOnlyList<Seed> AcpiTables { get; }

    /// <summary>The config files of a real dump, named by their path below the dump's root (<c>sys/devices/...</c>).</summary>
    public IReadOnlyList<Seed> SysfsDump { get; }

    public BoardFacts Sample { get; }
    public BoardFacts PciBoardFacts { get; }

    public static SeedCorpus Load()
    {
        var asm = typeof(SeedCorpus).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("seed/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            files[name["seed/".Length..].Replace('\\', '/')] = ms.ToArray();
        }
        return new SeedCorpus(files);
    }

    /// <summary>The seed's text with the sample board's header pasted in place of its #include (no disk needed to compile it).</summary>
    public string Inline(Seed s) =>
        s.Text.Replace($"#include \"{SampleHeader}\"", Encoding.UTF8.GetString(SampleHeaderText));

    private DtTree? CompileTree(Seed s)
    {
        try
        {
            var loader = new DeviceTreeLoader();
            return loader.LoadDtsText(Inline(s), s.Name, new LoadOptions { Format = InputFormat.Dts, Preprocess = true }).Tree;
        }
        catch (DeviceTreeException)
        {
            return null;
        }
    }

    private byte[]? Compile(Seed s) => CompileTree(s) is { } tree ? FdtWriter.Write(tree) : null;
}
