using System.Text;
using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Yaml;

/// <summary>Shared steps of the YAML kinds: a seed or a generated tree, node-level mutations, emitted text, sometimes syntax damage.</summary>
public abstract class YamlCaseGenerator : ICaseGenerator
{
    protected YamlCaseGenerator(SeedCorpus seeds, IReadOnlyList<Seed> yamlSeeds, string rootContext)
    {
        Seeds = seeds;
        Schema = new YamlSchema(seeds.Sample);
        Mutator = new YamlMutator(Schema, rootContext);
        GentleSchema = new YamlSchema(seeds.Sample, gentle: true);
        GentleMutator = new YamlMutator(GentleSchema, rootContext, gentle: true);
        Parsed = yamlSeeds.Select(s => (s.Name, Yaml.YamlSeedReader.Read(s.Text))).ToList();
        RootContext = rootContext;
    }

    protected SeedCorpus Seeds { get; }
    protected YamlSchema Schema { get; }
    private YamlMutator Mutator { get; }
    private YamlSchema GentleSchema { get; }
    private YamlMutator GentleMutator { get; }
    private List<(string Name, YNode Tree)> Parsed { get; }
    private string RootContext { get; }

    public abstract void Fill(Rng rng, FuzzCase c);

    /// <summary>
    /// The YAML bytes of one input: two in five are gentle (values meant to be accepted, edits that keep the document
    /// valid, no syntax damage) so that the checks and the boot behind the parser run; the others are wild.
    /// </summary>
    protected byte[] Document(Rng rng, FuzzCase c)
    {
        bool gentle = rng.Next(5) < 2;
        var schema = gentle ? GentleSchema : Schema;
        var mutator = gentle ? GentleMutator : Mutator;
        if (gentle) c.Notes.Add("gentle");
        YNode root;
        if (Parsed.Count > 0 && !rng.OneIn(3))
        {
            var (name, tree) = rng.Pick(Parsed);
            c.Notes.Add("seed " + name);
            root = tree.Clone();
        }
        else
        {
            c.Notes.Add("generated from the schema");
            root = schema.Map(rng, RootContext, 0);
            root = Wrap(rng, root);
        }
        int count = rng.OneIn(8) ? 0 : rng.Geometric(gentle ? 3 : 6);
        root = mutator.Mutate(rng, root, count, c.Notes);
        var text = YamlEmitter.Emit(root);
        return !gentle && rng.OneIn(6) ? YamlTextBreaker.Break(rng, text, c.Notes) : Encoding.UTF8.GetBytes(text);
    }

    protected virtual YNode Wrap(Rng rng, YNode root) => root;
}

/// <summary>Scenario files (docs/scenario-format.md) given to <c>--drivers</c>.</summary>
public sealed class ScenarioCaseGenerator : YamlCaseGenerator
{
    public ScenarioCaseGenerator(SeedCorpus seeds) : base(seeds, seeds.Scenarios, "scenario") { }

    public override void Fill(Rng rng, FuzzCase c)
    {
        c.Add("s.yaml", Document(rng, c));
        switch (rng.Next(20))
        {
            case < 10:
                c.Args.AddRange(["boot", "--drivers", "s.yaml", .. CaseParts.BootViews(rng)]);
                break;
            case < 12:
                CaseParts.AddSampleBoard(c, Seeds);
                c.Args.AddRange(["boot", "board.dts", "--drivers", "s.yaml", .. CaseParts.BootOptions(rng)]);
                break;
            case < 15:
                CaseParts.AddSampleBoard(c, Seeds);
                c.Args.AddRange(["explain", "board.dts", rng.Pick(Seeds.Sample.DeviceRefs), "--drivers", "s.yaml"]);
                break;
            case < 18:
                c.Args.AddRange(["check", "--drivers", "s.yaml", "--budget", rng.Range(1, 3).ToString()]);
                break;
            default:
                foreach (var t in Seeds.KernelTables) c.Add("kernel/" + Path.GetFileName(t.Name), t.Bytes);
                c.Args.AddRange(["boot", "--drivers", "s.yaml", "--kernel", "kernel"]);
                break;
        }
    }
}

/// <summary>PCI topology files (docs/pci-topology.md) given to <c>--pci</c> (or inside a scenario's <c>pci:</c>).</summary>
public sealed class PciYamlCaseGenerator : YamlCaseGenerator
{
    public PciYamlCaseGenerator(SeedCorpus seeds) : base(seeds, seeds.PciYaml, "pci") { }

    protected override YNode Wrap(Rng rng, YNode root) => rng.OneIn(2) ? new YMap().Add("pci", root) : root;

    public override void Fill(Rng rng, FuzzCase c)
    {
        var doc = Document(rng, c);
        c.Add("p.yaml", doc);
        bool underPci = System.Text.Encoding.UTF8.GetString(doc).StartsWith("pci:", StringComparison.Ordinal);
        switch (underPci ? rng.Next(20) : rng.Next(17))
        {
            case < 10:
                c.Args.AddRange(["boot", "--pci", "p.yaml", .. CaseParts.BootViews(rng), .. CaseParts.BootOptions(rng)]);
                break;
            case < 12:
                c.Add("board.dts", Seeds.Dts.First(d => d.Name.EndsWith("pci-host.dts", StringComparison.Ordinal)).Bytes);
                c.Args.AddRange(["boot", "board.dts", "--pci", "p.yaml", "--sysfs"]);
                break;
            case < 15:
                CaseParts.AddSampleBoard(c, Seeds);
                c.Args.AddRange(["explain", "board.dts", rng.Pick(new[] { "0000:01:00.0", "0000:00:00.0", "0000:02:00.0", "0000:01:00.1", "40000000.pcie" }), "--pci", "p.yaml"]);
                break;
            case < 17:
                c.Args.AddRange(["check", "--pci", "p.yaml", "--budget", rng.Range(1, 3).ToString()]);
                break;
            default:
                c.Args.AddRange(["boot", "--drivers", "p.yaml", "--sysfs"]);
                break;
        }
    }
}
