using ProbeSim.Fuzz.Gen;
using ProbeSim.Fuzz.Gen.Acpi;
using ProbeSim.Fuzz.Gen.Argv;
using ProbeSim.Fuzz.Gen.Dtb;
using ProbeSim.Fuzz.Gen.Dts;
using ProbeSim.Fuzz.Gen.Sysfs;
using ProbeSim.Fuzz.Gen.Yaml;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Core;

/// <summary>Input <c>i</c> of seed <c>S</c>: its kind is <see cref="FuzzKinds.Of"/>(i), its content drawn from <see cref="Rng.For"/>(S, i) only.</summary>
public sealed class CaseFactory
{
    private readonly Dictionary<FuzzKind, ICaseGenerator> _generators;

    public CaseFactory(SeedCorpus seeds)
    {
        Seeds = seeds;
        _generators = new()
        {
            [FuzzKind.Dts] = new DtsCaseGenerator(seeds),
            [FuzzKind.Dtb] = new DtbCaseGenerator(seeds),
            [FuzzKind.Scenario] = new ScenarioCaseGenerator(seeds),
            [FuzzKind.PciYaml] = new PciYamlCaseGenerator(seeds),
            [FuzzKind.Sysfs] = new SysfsCaseGenerator(seeds),
            [FuzzKind.Argv] = new ArgvCaseGenerator(seeds),
            [FuzzKind.Acpi] = new AcpiCaseGenerator(seeds),
        };
    }

    public SeedCorpus Seeds { get; }

    public static CaseFactory Create() => new(SeedCorpus.Load());

    public FuzzCase Create(long seed, long index)
    {
        var c = new FuzzCase(seed, index, FuzzKinds.Of(index));
        _generators[c.Kind].Fill(Rng.For(seed, index), c);
        return c;
    }
}
