using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Kernel.Tests.Drivers;

/// <summary>The errno table: asm-generic numbers and the parse forms scenario files use.</summary>
public class ErrnoTests
{
    [Theory]
    [InlineData("EPERM", 1)]
    [InlineData("ENOENT", 2)]
    [InlineData("EIO", 5)]
    [InlineData("ENXIO", 6)]
    [InlineData("EAGAIN", 11)]
    [InlineData("ENOMEM", 12)]
    [InlineData("EFAULT", 14)]
    [InlineData("EBUSY", 16)]
    [InlineData("ENODEV", 19)]
    [InlineData("EINVAL", 22)]
    [InlineData("ENOSPC", 28)]
    [InlineData("EOPNOTSUPP", 95)]
    [InlineData("ETIMEDOUT", 110)]
    [InlineData("EPROBE_DEFER", 517)]
    [InlineData("ENOTSUPP", 524)]
    public void Names_and_numbers_agree(string name, int number)
    {
        Assert.Equal(name, Errno.Name(number));
        Assert.Equal(name, Errno.Name(-number));
        Assert.True(Errno.TryParse(name, out var n));
        Assert.Equal(number, n);
    }

    [Theory]
    [InlineData("EIO", 5)]
    [InlineData("-EIO", 5)]
    [InlineData("-5", 5)]
    [InlineData("5", 5)]
    [InlineData(" eio ", 5)]
    [InlineData("EWOULDBLOCK", 11)]
    [InlineData("-EDEADLOCK", 35)]
    [InlineData("4095", 4095)]
    public void TryParse_accepts_every_form(string text, int expected)
    {
        Assert.True(Errno.TryParse(text, out var n));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("EFOO")]
    [InlineData("0")]
    [InlineData("4096")]
    [InlineData("--5")]
    [InlineData("5x")]
    [InlineData("+5")]
    public void TryParse_rejects_the_rest(string? text) => Assert.False(Errno.TryParse(text, out _));

    [Fact]
    public void Aliases_are_not_canonical_and_unknown_numbers_print_as_numbers()
    {
        Assert.Equal("EAGAIN", Errno.Name(11));
        Assert.Equal("EDEADLK", Errno.Name(35));
        Assert.Equal("600", Errno.Name(-600));
        Assert.False(Errno.IsKnown(41));
        Assert.True(Errno.IsKnown(-517));
    }

    [Fact]
    public void The_most_negative_int_is_a_number_not_a_crash()
    {
        Assert.Equal("2147483648", Errno.Name(int.MinValue));
        Assert.False(Errno.IsKnown(int.MinValue));
    }
}
