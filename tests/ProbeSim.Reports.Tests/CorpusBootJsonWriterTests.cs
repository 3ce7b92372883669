using System.Text.Json;
using ProbeSim.Reports.Corpus;
using ProbeSim.Reports.Json;

namespace ProbeSim.Reports.Tests;

public class CorpusBootJsonWriterTests
{
    private static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void Round_trip_has_schema_fields()
    {
        using var doc = JsonDocument.Parse(CorpusBootJsonWriter.ToJson(CorpusBootSummaryTests.Sample()));
        var root = doc.RootElement;
        Assert.Equal(["schema", "profile", "driverSet", "boards", "failedBoards", "states", "boardsWithDeferred", "topDeferReasons", "dma", "iommus", "iommuGroups", "perBoard"], Names(root));
        Assert.Equal("probesim-corpus-boot/1", root.GetProperty("schema").GetString());
        Assert.Equal(5, root.GetProperty("boards").GetInt32());
        Assert.Equal(2, root.GetProperty("boardsWithDeferred").GetInt32());

        var failed = root.GetProperty("failedBoards").EnumerateArray().ToArray();
        Assert.Equal(["board", "error"], Names(failed[0]));
        Assert.Equal("y-board", failed[0].GetProperty("board").GetString());

        var states = root.GetProperty("states");
        Assert.Equal(["bound", "deferred", "failed", "noDriver", "notPresent"], Names(states));
        Assert.Equal(3, states.GetProperty("deferred").GetInt32());

        var reasons = root.GetProperty("topDeferReasons").EnumerateArray().ToArray();
        Assert.Equal(["reason", "count"], Names(reasons[0]));
        Assert.Equal("", reasons[1].GetProperty("reason").GetString());

        var perBoard = root.GetProperty("perBoard").EnumerateArray().ToArray();
        Assert.Equal(["board", "devices", "bound", "deferred", "failed", "noDriver", "notPresent"], Names(perBoard[0]));
        Assert.Equal(3, perBoard[0].GetProperty("devices").GetInt32());
    }

    [Fact]
    public void Top_reasons_can_be_capped()
    {
        using var doc = JsonDocument.Parse(CorpusBootJsonWriter.ToJson(CorpusBootSummaryTests.Sample(), topDeferReasons: 1));
        Assert.Single(doc.RootElement.GetProperty("topDeferReasons").EnumerateArray());
    }

    [Fact]
    public void Same_input_gives_same_bytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        CorpusBootJsonWriter.Write(first, CorpusBootSummaryTests.Sample());
        CorpusBootJsonWriter.Write(second, CorpusBootSummaryTests.Sample());
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal((byte)'\n', first.ToArray()[^1]);
    }

    [Fact]
    public void Empty_run_is_all_zero()
    {
        using var doc = JsonDocument.Parse(CorpusBootJsonWriter.ToJson(CorpusBootSummary.From("p", "d", [])));
        Assert.Equal(0, doc.RootElement.GetProperty("boards").GetInt32());
        Assert.Empty(doc.RootElement.GetProperty("perBoard").EnumerateArray());
    }
}
