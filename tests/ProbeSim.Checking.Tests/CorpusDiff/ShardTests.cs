using ProbeSim.Checking.CorpusDiff;

namespace ProbeSim.Checking.Tests.CorpusDiff;

public class ShardTests
{
    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/8", 3, 8)]
    [InlineData("8/8", 8, 8)]
    public void Parses_k_of_n(string text, int k, int n)
    {
        var s = Shard.Parse(text);
        Assert.Equal(n, s.Count);
        Assert.Equal([k], s.Slices);
        Assert.Equal(text, s.ToString());
    }

    [Theory]
    [InlineData("0/4", "K must be between 1 and 4")]
    [InlineData("5/4", "K must be between 1 and 4")]
    [InlineData("1/0", "N must be at least 1")]
    [InlineData("3", "write K/N")]
    [InlineData("-1/4", "write K/N")]
    [InlineData("a/b", "write K/N")]
    [InlineData("1/99999999999", "write K/N")]
    public void Rejects_bad_shards(string text, string message)
    {
        var e = Assert.Throws<DiffException>(() => Shard.Parse(text));
        Assert.Equal(DiffErrorKind.Usage, e.Kind);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void The_slices_partition_the_boards_exactly_whatever_their_order(int n)
    {
        var boards = Enumerable.Range(0, 23).Select(i => $"v{i % 5}/b{i}.dts").ToList();
        var shuffled = boards.AsEnumerable().Reverse().ToList();
        var slices = Enumerable.Range(1, n).Select(k => new Shard(n, [k]).Select(boards)).ToList();
        // every board in exactly one slice
        Assert.Equal(boards.Order(StringComparer.Ordinal), slices.SelectMany(s => s).Order(StringComparer.Ordinal));
        // the split depends on the names only
        Assert.Equal(slices, Enumerable.Range(1, n).Select(k => new Shard(n, [k]).Select(shuffled)).ToList());
        // slice sizes differ by at most one
        Assert.True(slices.Max(s => s.Count) - slices.Min(s => s.Count) <= 1);
    }

    [Fact]
    public void Merged_slices_know_what_is_missing()
    {
        var s = new Shard(5, [4, 1, 2]);
        Assert.Equal([1, 2, 4], s.Slices);
        Assert.False(s.IsComplete);
        Assert.Equal([3, 5], s.Missing);
        Assert.Equal("1,2,4/5", s.ToString());
        Assert.Equal(new Shard(5, [1, 2, 4]), s);
        Assert.True(Shard.Whole.IsComplete);
    }
}
