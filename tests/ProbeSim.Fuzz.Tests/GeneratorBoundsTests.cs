using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Gen.Yaml;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Tests;

/// <summary>An input the generator makes must fit in the worker's own 1 GiB: a harness that runs out of memory building
/// an input reports a failure of probesim that is none.</summary>
public class GeneratorBoundsTests
{
    // 1:310563 (PCI topology YAML): repeated duplication of a 20,000-deep flow collection grew the document to
    // 801,020,087 bytes, and the worker died of SIGABRT "Out of memory" before probesim read a byte of it.
    // The id is of the six-kind numbering (before the acpi kind): the input is made from its generator and random
    // stream directly, so it is the same input as then.
    [Fact]
    public void Input_1_310563_stays_below_twice_the_yaml_limit()
    {
        var c = new FuzzCase(1, 310563, FuzzKind.PciYaml);
        new PciYamlCaseGenerator(SeedCorpus.Load()).Fill(Rng.For(1, 310563), c);
        Assert.All(c.Files, f => Assert.True((f.Content?.Length ?? 0) <= 2 * (18 << 20), $"{f.Path}: {f.Content?.Length} bytes"));
    }
}

/// <summary>check explores until its budget or its time runs out: every generated check is bounded in time too.</summary>
public class CheckBoundTests
{
    // 1:692159: "check --pci=dump/sys --budget 2147483647" explored for more than 5 s, as asked, and was reported as a hang
    [Fact]
    public void Every_generated_check_has_a_time_bound()
    {
        var f = CaseFactory.Create();
        var checks = Enumerable.Range(0, 3000).Select(i => f.Create(1, i)).Where(c => c.Kind == FuzzKind.Argv && c.Args.Contains("check")).ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.True(c.Args.Contains("--time") || c.Args.Any(a => a.StartsWith("--time=", StringComparison.Ordinal)), string.Join(" ", c.Args)));
    }
}
