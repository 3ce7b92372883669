using ProbeSim.Kernel.Boot;

namespace ProbeSim.Kernel.Tests.Boot;

/// <summary>The remaining items of a chosen-order run behave as a list the picked items are removed from.</summary>
public class RemainingItemsTests
{
    [Fact]
    public void Picks_take_the_same_items_as_removing_from_a_list()
    {
        // fixed seeds: every run checks the same 300 cases
        for (int seed = 0; seed < 300; seed++)
        {
            var rng = new Random(seed);
            int n = rng.Next(1, 200);
            var items = Enumerable.Range(0, n).Select(i => i * 7).ToList();
            var list = new List<int>(items);
            var rest = new RemainingItems<int>(items);
            while (list.Count > 0)
            {
                int k = rng.Next(list.Count);
                Assert.Equal(list.Count, rest.Count);
                Assert.Equal(list[k], rest[k]);
                Assert.Equal(list[k], rest.TakeAt(k));
                list.RemoveAt(k);
            }
            Assert.Equal(0, rest.Count);
        }
    }

    [Fact]
    public void An_index_past_the_remaining_items_is_refused()
    {
        var rest = new RemainingItems<string>(new List<string> { "a", "b" });
        rest.TakeAt(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rest[1]);
        Assert.Equal("a", rest.TakeAt(0));
        Assert.Equal(0, rest.Count);
    }
}
