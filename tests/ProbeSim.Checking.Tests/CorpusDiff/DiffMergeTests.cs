using ProbeSim.Checking.CorpusDiff;
using ProbeSim.Reports.Json;
using ProbeSim.Reports.Text;

namespace ProbeSim.Checking.Tests.CorpusDiff;

public class DiffMergeTests
{
    private static CorpusDiffResult RoundTrip(CorpusDiffResult r, string name = "slice.json") =>
        CorpusDiffJsonReader.Read(CorpusDiffJsonWriter.ToJson(r), name);

    [Fact]
    public void Json_round_trips()
    {
        var r = DiffBoards.Rc1VsV412(DiffBoards.Many(9));
        var back = RoundTrip(r);
        Assert.Equal(CorpusDiffJsonWriter.ToJson(r), CorpusDiffJsonWriter.ToJson(back));
        Assert.Equal(AsWritten(r.Changes), AsWritten(back.Changes));
        Assert.Equal((r.A, r.B, r.Shard, r.Boards, r.Devices), (back.A, back.B, back.Shard, back.Boards, back.Devices));
    }

    [Fact]
    public void Merging_every_slice_gives_the_bytes_of_the_whole_run()
    {
        var boards = DiffBoards.Many(20);
        var whole = DiffBoards.Rc1VsV412(boards);
        var parts = Enumerable.Range(1, 3).Reverse()
            .Select(k => ($"slice-{k}.json", RoundTrip(DiffBoards.Rc1VsV412(boards, new Shard(3, [k])))))
            .ToList();
        Assert.All(parts, p => Assert.True(p.Item2.Boards < whole.Boards));
        var merged = DiffMerge.Merge(parts);
        Assert.True(merged.Shard.IsComplete);
        Assert.Equal(new Shard(3, [1, 2, 3]), merged.Shard);
        // the text report and the JSON differ only by the shard line/object
        Assert.Equal(CorpusDiffJsonWriter.ToJson(whole with { Shard = merged.Shard }), CorpusDiffJsonWriter.ToJson(merged));
        Assert.Equal(CorpusDiffReport.Format(whole).Split('\n').Skip(2), CorpusDiffReport.Format(merged).Split('\n').Skip(3));
    }

    [Fact]
    public void Missing_slices_are_reported_and_can_be_merged_in_later()
    {
        var boards = DiffBoards.Many(10);
        var s1 = RoundTrip(DiffBoards.Rc1VsV412(boards, new Shard(4, [1])));
        var s3 = RoundTrip(DiffBoards.Rc1VsV412(boards, new Shard(4, [3])));
        var partial = DiffMerge.Merge([("1.json", s1), ("3.json", s3)]);
        Assert.Equal([2, 4], partial.Shard.Missing);
        Assert.Contains("slices: 1,3/4 (missing: 2/4, 4/4)", CorpusDiffReport.Format(partial));
        var rest = DiffMerge.Merge([("2.json", RoundTrip(DiffBoards.Rc1VsV412(boards, new Shard(4, [2])))), ("4.json", RoundTrip(DiffBoards.Rc1VsV412(boards, new Shard(4, [4]))))]);
        var all = DiffMerge.Merge([("partial.json", RoundTrip(partial)), ("rest.json", RoundTrip(rest))]);
        Assert.True(all.Shard.IsComplete);
        Assert.Equal(AsWritten(DiffBoards.Rc1VsV412(boards).Changes), AsWritten(all.Changes));
    }

    [Fact]
    public void Slices_of_different_diffs_do_not_merge()
    {
        var boards = DiffBoards.Many(6);
        var s1 = DiffBoards.Rc1VsV412(boards, new Shard(2, [1]));
        var other = CorpusDiffRunner.Run(CorpusDiffPlan.Make(DiffBoards.Side("a", "v4.11", boards), DiffBoards.Side("b", "v4.12", boards), new Shard(2, [2])), 2);
        var e = Assert.Throws<DiffException>(() => DiffMerge.Merge([("s1.json", s1), ("other.json", other)]));
        Assert.Equal(DiffErrorKind.Input, e.Kind);
        Assert.Equal("other.json: side a is not the one of s1.json (spec 'v4.11' vs 'v4.12-rc1', profile 'v4.11' vs 'v4.12-rc1'): not slices of one diff", e.Message);
    }

    [Fact]
    public void The_same_slice_twice_or_another_slice_count_do_not_merge()
    {
        var boards = DiffBoards.Many(6);
        var s1 = DiffBoards.Rc1VsV412(boards, new Shard(2, [1]));
        var e = Assert.Throws<DiffException>(() => DiffMerge.Merge([("x.json", s1), ("y.json", s1)]));
        Assert.Equal("y.json and x.json both hold slice 1/2", e.Message);
        var third = DiffBoards.Rc1VsV412(boards, new Shard(3, [2]));
        e = Assert.Throws<DiffException>(() => DiffMerge.Merge([("x.json", s1), ("z.json", third)]));
        Assert.Equal("z.json: cut into 3 slices, but x.json into 2", e.Message);
    }

    [Theory]
    [InlineData("not json", "bad.json:1:")]
    [InlineData("[]", "bad.json: error: not a JSON object")]
    [InlineData("{\"schema\":\"probesim-corpus-boot/1\"}", "bad.json: error: schema is 'probesim-corpus-boot/1', not 'probesim-corpus-diff/1'")]
    public void Reader_errors_name_the_file(string json, string message) // bad.json:LINE:COL: error: not JSON: ...
    {
        var e = Assert.Throws<DiffException>(() => CorpusDiffJsonReader.Read(json, "bad.json"));
        Assert.Equal(DiffErrorKind.Input, e.Kind);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Reader_names_a_missing_or_mistyped_property()
    {
        var json = CorpusDiffJsonWriter.ToJson(DiffBoards.Rc1VsV412(DiffBoards.Small()));
        var e = Assert.Throws<DiffException>(() => CorpusDiffJsonReader.Read(json.Replace("\"boards\": 3", "\"boards\": \"3\""), "s.json"));
        Assert.Equal("s.json: error: boards is not a whole number", e.Message);
        e = Assert.Throws<DiffException>(() => CorpusDiffJsonReader.Read(json.Replace("\"driverSet\"", "\"drivers\""), "s.json"));
        Assert.Equal("s.json: error: a.driverSet is missing", e.Message);
    }

    // a slice's JSON holds a cause as its words: compare causes as they are written
    private static List<DiffChange> AsWritten(IEnumerable<DiffChange> changes) =>
        changes.Select(c => c with { Cause = new ChangeCause.Written(c.Cause.Text()) }).ToList();
}
