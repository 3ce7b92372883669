using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.Tests;

/// <summary><c>corpus boot --jsonl</c>: one JSON object per device and line, deterministic whatever order boards finish in.</summary>
public class CorpusDeviceLinesTests
{
    [Fact]
    public void Each_device_is_one_compact_line_with_board_device_state_driver_reason_and_basis()
    {
        var text = CorpusDeviceLines.ForBoard(SampleBoot.Result());
        var lines = text.Split('\n');
        Assert.Equal(6, lines.Length);   // five devices, each ending in \n
        Assert.Equal("", lines[^1]);
        Assert.Equal("""{"board":"acme-evb","device":"4000000.serial","state":"deferred","driver":"acme-uart","reason":"platform: supplier x not ready","basis":"guessed"}""", lines[1]);
        foreach (var line in lines[..^1])
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(["board", "device", "state", "driver", "reason", "basis"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void A_device_that_never_bound_names_the_driver_whose_probe_ran_last()
    {
        var d = new DeviceOutcome { Name = "x", State = DeviceState.Failed, BasisDriver = "acme-x", Basis = OutcomeBasis.Guessed, Note = new TextNote("probe failed with -5 (EIO)") };
        Assert.Equal("""{"board":"b","device":"x","state":"failed","driver":"acme-x","reason":"probe failed with -5 (EIO)","basis":"guessed"}""", CorpusDeviceLines.Line("b", d));
    }

    [Fact]
    public void Boards_come_in_name_order_whatever_order_they_finished_in()
    {
        var joined = CorpusDeviceLines.Join([("b.dtb", "B\n"), ("a.dtb", "A\n"), ("a/c.dtb", "C\n")]);
        Assert.Equal("A\nC\nB\n", joined);
    }
}
