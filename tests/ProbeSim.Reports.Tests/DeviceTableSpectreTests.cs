using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class DeviceTableSpectreTests
{
    private const char Esc = '\u001b';

    private static string Render(bool colour)
    {
        using var writer = new StringWriter();
        DeviceTable.Write(TestConsoles.Create(writer, colour), SampleBoot.Result().Devices);
        return writer.ToString();
    }

    [Fact]
    public void Without_colour_there_are_no_escape_sequences()
    {
        var text = Render(colour: false);
        Assert.DoesNotContain(Esc, text);
        foreach (var word in new[] { "NAME", "DMA", "2000000.dma", "iommu-dma", "failed (-5 EIO)", "platform: supplier x not ready", "not-present" })
            Assert.Contains(word, text);
        Assert.Contains("5 devices: 1 bound, 1 deferred, 1 failed, 1 no-driver, 1 not-present", text);
    }

    [Fact]
    public void With_colour_states_carry_their_colours()
    {
        var text = Render(colour: true);
        Assert.Contains(Esc + "[32mbound", text);            // green
        Assert.Contains(Esc + "[93mdeferred", text);         // yellow (bright in 16 colours)
        Assert.Contains(Esc + "[91mfailed (-5 EIO)", text);  // red
        Assert.Contains(Esc + "[90mno-driver", text);        // grey
        Assert.Contains(Esc + "[2mnot-present", text);       // dim
        Assert.Contains(Esc + "[32m1 bound", text);
    }

    [Fact]
    public void Spectre_rendering_is_deterministic() => Assert.Equal(Render(colour: true), Render(colour: true));
}
