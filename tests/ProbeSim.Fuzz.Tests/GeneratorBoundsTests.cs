using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Tests;

/// <summary>An input the generator makes must fit in the worker's own 1 GiB: a harness that runs out of memory building
/// an input reports a failure of probesim that is none.</summary>
public class GeneratorBoundsTests
{
    // 1:310563 (PCI topology YAML): repeated duplication of a 20,000-deep flow collection grew the document to
    // 801,020,087 bytes, and the worker died of SIGABRT "Out of memory" before probesim read a byte of it
    [Fact]
    public void Input_1_310563_stays_below_twice_the_yaml_limit()
    {
        var c = CaseFactory.Create().Create(1, 310563);
        Assert.All(c.Files, f => Assert.True((f.Content?.Length ?? 0) <= 2 * (18 << 20), $"{f.Path}: {f.Content?.Length} bytes"));
    }
}
