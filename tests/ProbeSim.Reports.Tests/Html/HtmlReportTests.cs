using System.Text;
using System.Text.Json;
using ProbeSim.Checking.Explain;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Html;

namespace ProbeSim.Reports.Tests.Html;

public sealed class HtmlReportTests
{
    private const string Evil = "</script><script>alert(1)</script><!-- &amp; \u2028";

    private static string Boot(BootResult result, IReadOnlyList<Explanation>? explanations = null) =>
        HtmlReport.ToText(w => HtmlReport.WriteBoot(w, result, explanations ?? []));

    private static string Check(string json) => HtmlReport.ToText(w => HtmlReport.WriteCheck(w, json));

    private static string Diff(string json) => HtmlReport.ToText(w => HtmlReport.WriteDiff(w, json));

    [Fact]
    public void Boot_report_loads_nothing_from_anywhere()
    {
        var html = Boot(SampleBoot.Result());
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(ReportHtml.References(html), r =>
        {
            Assert.False(r.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || r.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
                || r.StartsWith("//", StringComparison.Ordinal), $"reference to {r}");
        });
        Assert.Contains("default-src &#39;none&#39;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_report_inlines_the_graph_library_and_its_licence()
    {
        var html = Boot(SampleBoot.Result());
        Assert.Contains(HtmlAssets.Library, html, StringComparison.Ordinal);
        Assert.Contains("id=\"licence-cytoscape\"", html, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted, free of charge", html, StringComparison.Ordinal);
        Assert.Contains("The Cytoscape Consortium", html, StringComparison.Ordinal);
        Assert.Contains("Cytoscape.js " + HtmlAssets.LibraryVersion, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_script_the_page_runs_is_allowed_by_its_hash()
    {
        var html = Boot(SampleBoot.Result());
        var policy = ContentSecurityPolicy.For([HtmlAssets.Library, HtmlAssets.App]);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(policy), html, StringComparison.Ordinal);
        Assert.Contains("<script>" + HtmlAssets.App + "</script>", html, StringComparison.Ordinal);
        Assert.Contains("<script>" + HtmlAssets.Library + "</script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Boot_payload_has_every_device_with_its_state_position_and_log()
    {
        var result = SampleBoot.Result();
        result = result with { Devices = [.. result.Devices.Take(4), SampleBoot.Usb with { NoDevice = new ProbeSim.Kernel.Of.NoDeviceReason.Disabled("disabled"), Note = new TextNote("status = \"disabled\"") }] };
        using var doc = ReportHtml.Payload(Boot(result));
        var root = doc.RootElement;
        Assert.Equal(HtmlReport.Schema, root.GetProperty("schema").GetString());
        Assert.Equal("boot", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("check").ValueKind);
        var boot = root.GetProperty("boot");
        Assert.Equal("acme-evb", boot.GetProperty("board").GetString());
        Assert.False(boot.GetProperty("explained").GetBoolean());
        var devices = boot.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "device").ToList();
        Assert.Equal(["2000000.dma", "4000000.serial", "6000000.i2c", "7000000.gpu", "usb@8000000"], devices.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(["bound", "deferred", "failed", "no-driver", "disabled"], devices.Select(d => d.GetProperty("state").GetString()));
        Assert.Equal("failed (-5 EIO)", devices[2].GetProperty("stateText").GetString());
        // the table's Basis column and the panel's basis line: what each outcome rests on
        Assert.Equal(["modelled", "guessed", "modelled", "modelled", "modelled"], devices.Select(d => d.GetProperty("basis").GetString()));
        Assert.StartsWith("guess: no probe plan for driver acme-uart", devices[1].GetProperty("basisText").GetString());
        Assert.Equal(["[    0.123456] acme-dmac 2000000.dma: Adding to iommu group 0"],
            devices[0].GetProperty("log").EnumerateArray().Select(l => l.GetString()));
        Assert.All(devices, d => Assert.Equal(JsonValueKind.Number, d.GetProperty("x").ValueKind));
    }

    [Fact]
    public void Explanations_go_with_their_devices()
    {
        var e = new Explanation
        {
            Device = "4000000.serial", State = "deferred", Summary = new ExplainSummary.Deferred("4000000.serial", null),
            Chain = [new ExplainStep(0, "3000000.clock-controller", "clocks[0]", "failed", new ExplainDetail.FailedWith(null, -5), true)],
            RootCauses = [new RootCause("3000000.clock-controller", new ExplainDetail.FailedWith(null, -5), SubjectIsNode: false)],
            Iommu = new IommuDecision(new ProbeSim.Kernel.Of.OfIommuRule.NoIommuProperty(false), "none", null, null, null, "direct", "direct", null),
        };
        using var doc = ReportHtml.Payload(Boot(SampleBoot.Result(), [e]));
        var serial = doc.RootElement.GetProperty("boot").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "4000000.serial");
        var explain = serial.GetProperty("explain");
        Assert.Equal(ProbeSim.Reports.Reasons.ReasonWords.Default.Summary(e), explain.GetProperty("summary").GetString());
        var step = Assert.Single(explain.GetProperty("chain").EnumerateArray());
        Assert.Equal("clocks[0]", step.GetProperty("relation").GetString());
        Assert.True(step.GetProperty("rootCause").GetBoolean());
        Assert.Equal("none", explain.GetProperty("iommu").GetProperty("outcome").GetString());
        Assert.True(doc.RootElement.GetProperty("boot").GetProperty("explained").GetBoolean());
    }

    [Fact]
    public void Text_from_the_model_cannot_end_the_payload_element()
    {
        var result = SampleBoot.Result() with
        {
            Devices = [SampleBoot.Dma with { Name = Evil, Note = new TextNote(Evil) }],
            Log = [new LogLine(5, LogLevel.Err, Evil, Evil)],
        };
        var html = Boot(result);
        var payload = ReportHtml.PayloadText(html);
        Assert.DoesNotContain("<", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(">", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2028", payload, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(html, "</script>")); // payload, library, report scripts: nothing else closes a script
        using var doc = JsonDocument.Parse(payload);
        var node = doc.RootElement.GetProperty("boot").GetProperty("nodes")[0];
        Assert.Equal(Evil, node.GetProperty("name").GetString());
        Assert.Equal("[    0.000005] " + Evil, node.GetProperty("log")[0].GetString());
    }

    [Fact]
    public void Check_payload_is_embedded_re_escaped()
    {
        var json = JsonSerializer.Serialize(new
        {
            board = "acme-evb", profile = "v6.6", schedules = 12,
            violations = new[]
            {
                new { invariant = "no-dma-without-iommu", severity = "error", description = Evil, device = "2000000.dma",
                    trace = new[] { new { step = 1, @event = "probe 2000000.dma", log = new[] { "[    1.234567] " + Evil } } } },
            },
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("</script>", json, StringComparison.Ordinal);
        var html = Check(json);
        Assert.Equal(3, CountOf(html, "</script>"));
        using var doc = ReportHtml.Payload(html);
        var root = doc.RootElement;
        Assert.Equal("check", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("boot").ValueKind);
        var v = root.GetProperty("check").GetProperty("violations")[0];
        Assert.Equal(Evil, v.GetProperty("description").GetString());
        Assert.Equal("[    1.234567] " + Evil, v.GetProperty("trace")[0].GetProperty("log")[0].GetString());
        Assert.Contains("<title>acme-evb: invariant check</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_report_can_carry_the_boot_it_checked()
    {
        var boot = new BootReportData(SampleBoot.Result(), []);
        var html = HtmlReport.ToText(w => HtmlReport.WriteCheck(w, """{"board":"acme-evb","profile":"v6.6","schedules":1,"violations":[]}""", boot));
        using var doc = ReportHtml.Payload(html);
        Assert.Equal("check", doc.RootElement.GetProperty("kind").GetString());
        Assert.Equal("acme-evb", doc.RootElement.GetProperty("boot").GetProperty("board").GetString());
    }

    [Fact]
    public void Diff_payload_is_embedded()
    {
        var json = """{"a":"v6.1 default","b":"v6.6 default","changes":[{"board":"r8a7795-salvator-x.dtb","device":"e6740000.iommu","field":"state","before":"bound","after":"deferred","cause":"<b>fw_devlink</b>"}]}""";
        var html = Diff(json);
        using var doc = ReportHtml.Payload(html);
        Assert.Equal("diff", doc.RootElement.GetProperty("kind").GetString());
        var change = doc.RootElement.GetProperty("diff").GetProperty("changes")[0];
        Assert.Equal("<b>fw_devlink</b>", change.GetProperty("cause").GetString());
        Assert.DoesNotContain("<b>", ReportHtml.PayloadText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_is_not_json_is_refused()
    {
        Assert.ThrowsAny<JsonException>(() => Check("{\"board\": "));
        Assert.ThrowsAny<JsonException>(() => Diff("not json"));
    }

    [Fact]
    public void Same_input_same_bytes()
    {
        var a = Encoding.UTF8.GetBytes(Boot(SampleBoot.Result()));
        var b = Encoding.UTF8.GetBytes(Boot(SampleBoot.Result()));
        Assert.Equal(a, b);
        Assert.DoesNotContain("\r", Boot(SampleBoot.Result()), StringComparison.Ordinal);
    }

    [Fact]
    public void Same_board_booted_twice_gives_the_same_report()
    {
        var a = HtmlReport.ToText(w => HtmlReport.WriteBoot(w, ReportBoards.DemoWithBrokenClock()));
        var b = HtmlReport.ToText(w => HtmlReport.WriteBoot(w, ReportBoards.DemoWithBrokenClock()));
        Assert.Equal(a, b);
        using var doc = ReportHtml.Payload(a);
        Assert.True(doc.RootElement.GetProperty("boot").GetProperty("explained").GetBoolean());
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.OrdinalIgnoreCase)) n++;
        return n;
    }
}
