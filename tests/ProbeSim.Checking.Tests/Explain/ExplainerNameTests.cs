using ProbeSim.Checking.Explain;

namespace ProbeSim.Checking.Tests.Explain;

/// <summary>
/// The log lines of a device are those naming it as a word. A blob may hold a node named "" (the fuzzing harness
/// made one): searching for the empty name never moved on, and boot --html, which explains every device, hung.
/// </summary>
public class ExplainerNameTests
{
    [Theory]
    [InlineData("platform 1000.uart: probe deferred", "1000.uart", true)]
    [InlineData("platform 1000.uart0: probe deferred", "1000.uart", false)]
    [InlineData("x 1000.uart0 and 1000.uart", "1000.uart", true)]
    [InlineData("any line at all", "", false)]
    [InlineData("", "", false)]
    public void A_name_is_found_as_a_word_and_the_empty_name_nowhere(string line, string name, bool found) =>
        Assert.Equal(found, Explainer.ContainsName(line, name));
}
