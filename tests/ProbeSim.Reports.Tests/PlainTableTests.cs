using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class PlainTableTests
{
    [Fact]
    public void Right_aligned_columns_pad_on_the_left() =>
        Assert.Equal(
            "A      N\n" +
            "xyz    5\n" +
            "q    123\n",
            PlainTable.Format(["A", "N"], [["xyz", "5"], ["q", "123"]], [ColumnAlign.Left, ColumnAlign.Right]));

    [Fact]
    public void Control_characters_become_spaces() =>
        Assert.Equal("H\na b c\n", PlainTable.Format(["H"], [["a\tb\nc"]]));

    [Fact]
    public void Rows_must_match_headers() =>
        Assert.Throws<ArgumentException>(() => PlainTable.Format(["A", "B"], [["only one"]]));
}
