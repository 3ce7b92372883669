using System.Text;
using System.Text.Json;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.Tests;

public class BootJsonWriterTests
{
    private static readonly string[] TopLevel =
        ["schema", "board", "profile", "cmdline", "driverSet", "endTime", "devices", "devicesDeferred", "devlinks", "iommuGroups", "iommus", "actions", "crash", "unwinds", "notifiers", "log"];

    private static readonly string[] DeviceFields =
    [
        "name", "bus", "ofNode", "compatible", "driver", "state", "error", "deferReason", "note", "rejectedBy", "basis", "basisDriver", "basisFrom", "basisGap", "iommuGroup",
        "domainType", "dmaOps", "coherent", "iommu", "dmaOwner", "dma", "dmaNote", "probeAttempts", "boundAt", "sysfsPath", "suppliers",
    ];

    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Round_trip_has_schema_fields_in_order_with_their_types()
    {
        using var doc = JsonDocument.Parse(BootJsonWriter.ToJson(SampleBoot.Result()));
        var root = doc.RootElement;
        Assert.Equal(TopLevel, Names(root));
        Assert.Equal("probesim-boot/1", root.GetProperty("schema").GetString());
        Assert.Equal("acme-evb", root.GetProperty("board").GetString());
        Assert.Equal("console=ttyS0 fw_devlink=on", root.GetProperty("cmdline").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("endTime").ValueKind);
        Assert.Equal("12.345678", root.GetProperty("endTime").GetRawText());

        var devices = root.GetProperty("devices").EnumerateArray().ToArray();
        Assert.Equal(5, devices.Length);
        Assert.All(devices, d => Assert.Equal(DeviceFields, Names(d)));
        Assert.Equal(["bound", "deferred", "failed", "no-driver", "not-present"], devices.Select(d => d.GetProperty("state").GetString()));

        var dma = devices[0];
        Assert.Equal(["acme,dmac-v2", "acme,dmac"], dma.GetProperty("compatible").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, dma.GetProperty("iommuGroup").GetInt32());
        Assert.Equal("DMA", dma.GetProperty("domainType").GetString());
        Assert.Equal("iommu-dma", dma.GetProperty("dmaOps").GetString());
        Assert.True(dma.GetProperty("coherent").GetBoolean());
        Assert.Equal(2, dma.GetProperty("probeAttempts").GetInt32());
        Assert.Equal("0.123456", dma.GetProperty("boundAt").GetRawText());
        Assert.Equal(JsonValueKind.Null, dma.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.Null, dma.GetProperty("deferReason").ValueKind);
        Assert.Equal("platform:3000000.clock-controller", Assert.Single(dma.GetProperty("suppliers").EnumerateArray().ToArray()).GetString());

        Assert.Equal(-5, devices[2].GetProperty("error").GetInt32());
        Assert.Equal(("guessed", "acme-uart"), (devices[1].GetProperty("basis").GetString(), devices[1].GetProperty("basisDriver").GetString()));
        Assert.Equal("modelled", devices[0].GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Null, devices[2].GetProperty("boundAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, devices[3].GetProperty("driver").ValueKind);
        Assert.Equal(JsonValueKind.Null, devices[4].GetProperty("bus").ValueKind);
        Assert.Equal(JsonValueKind.Null, devices[4].GetProperty("coherent").ValueKind);
        Assert.Equal(JsonValueKind.Array, devices[4].GetProperty("suppliers").ValueKind);
    }

    [Fact]
    public void Sections_have_their_shapes()
    {
        using var doc = JsonDocument.Parse(BootJsonWriter.ToJson(SampleBoot.Result()));
        var root = doc.RootElement;

        var deferred = Assert.Single(root.GetProperty("devicesDeferred").EnumerateArray().ToArray());
        Assert.Equal(["device", "reason"], Names(deferred));

        var link = Assert.Single(root.GetProperty("devlinks").EnumerateArray().ToArray());
        Assert.Equal(["name", "supplier", "consumer", "status", "syncStateOnly", "autoRemoveOn", "inferred"], Names(link));
        Assert.Equal(JsonValueKind.False, link.GetProperty("syncStateOnly").ValueKind);
        Assert.Equal(JsonValueKind.True, link.GetProperty("inferred").ValueKind);

        var notifiers = root.GetProperty("notifiers").EnumerateArray().ToArray();
        Assert.Equal(["time", "event", "device", "driver"], Names(notifiers[0]));
        Assert.Equal("0.123000", notifiers[0].GetProperty("time").GetRawText());
        Assert.Equal(JsonValueKind.Null, notifiers[1].GetProperty("driver").ValueKind);

        var log = root.GetProperty("log").EnumerateArray().ToArray();
        Assert.Equal(3, log.Length);
        Assert.Equal(["time", "level", "text", "device"], Names(log[0]));
        Assert.Equal("0.000001", log[0].GetProperty("time").GetRawText());
        Assert.Equal(["info", "info", "debug"], log.Select(l => l.GetProperty("level").GetString()));
        Assert.Equal(JsonValueKind.Null, log[0].GetProperty("device").ValueKind);
    }

    [Fact]
    public void No_devices_deferred_file_is_null()
    {
        using var doc = JsonDocument.Parse(BootJsonWriter.ToJson(SampleBoot.Result() with { DevicesDeferred = null }));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("devicesDeferred").ValueKind);
    }

    [Fact]
    public void Log_and_notifiers_can_be_left_out()
    {
        var json = BootJsonWriter.ToJson(SampleBoot.Result(), new BootJsonOptions { IncludeLog = false, IncludeNotifiers = false });
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(TopLevel[..^2], Names(doc.RootElement));
    }

    [Fact]
    public void Several_results_are_an_array()
    {
        using var doc = JsonDocument.Parse(BootJsonWriter.ToJson([SampleBoot.Result("a"), SampleBoot.Result("b")]));
        Assert.Equal(["a", "b"], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("board").GetString()));
    }

    [Fact]
    public void Same_input_gives_same_bytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        BootJsonWriter.Write(first, SampleBoot.Result());
        BootJsonWriter.Write(second, SampleBoot.Result());
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(BootJsonWriter.ToJson(SampleBoot.Result())), first.ToArray());
    }

    [Fact]
    public void Layout_is_two_space_indent_newline_terminated()
    {
        var result = new BootResult
        {
            Board = "b",
            Profile = "p",
            Cmdline = "",
            DriverSet = "d",
            Devices = [new DeviceOutcome { Name = "x", State = DeviceState.NotPresent, Note = new TextNote("disabled <'&'>") }],
            EndTimeUs = 12_345_000_000,
        };
        Assert.Equal(
            """
            {
              "schema": "probesim-boot/1",
              "board": "b",
              "profile": "p",
              "cmdline": "",
              "driverSet": "d",
              "endTime": 12345.000000,
              "devices": [
                {
                  "name": "x",
                  "bus": null,
                  "ofNode": null,
                  "compatible": [],
                  "driver": null,
                  "state": "not-present",
                  "error": null,
                  "deferReason": null,
                  "note": "disabled <'&'>",
                  "rejectedBy": null,
                  "basis": "modelled",
                  "basisDriver": null,
                  "basisFrom": null,
                  "basisGap": null,
                  "iommuGroup": null,
                  "domainType": null,
                  "dmaOps": null,
                  "coherent": null,
                  "iommu": null,
                  "dmaOwner": null,
                  "dma": null,
                  "dmaNote": null,
                  "probeAttempts": 0,
                  "boundAt": null,
                  "sysfsPath": null,
                  "suppliers": []
                }
              ],
              "devicesDeferred": null,
              "devlinks": [],
              "iommuGroups": [],
              "iommus": [],
              "actions": [],
              "crash": null,
              "unwinds": [],
              "notifiers": [],
              "log": []
            }

            """.ReplaceLineEndings("\n"),
            BootJsonWriter.ToJson(result));
    }
}
