using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Log;

namespace ProbeSim.Reports.Tests;

public class DmesgFormatterTests
{
    [Theory]
    [InlineData(1L, "[    0.000001]")]
    [InlineData(12_345_678L, "[   12.345678]")]
    [InlineData(12_345_000_000L, "[12345.000000]")]
    [InlineData(123_456_000_000L, "[123456.000000]")]
    public void Timestamp_is_printk_format(long us, string expected) => Assert.Equal(expected, DmesgFormatter.Timestamp(us));

    [Fact]
    public void Negative_time_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DmesgFormatter.Timestamp(-1));

    [Fact]
    public void Line_is_timestamp_space_text() =>
        Assert.Equal("[    0.123456] acme-dmac 2000000.dma: Adding to iommu group 0",
            DmesgFormatter.FormatLine(new LogLine(123_456, LogLevel.Info, "acme-dmac 2000000.dma: Adding to iommu group 0")));

    [Fact]
    public void Raw_line_has_level_prefix() =>
        Assert.Equal("<3>[   12.345678] acme-i2c 6000000.i2c: probe failed",
            DmesgFormatter.FormatLine(new LogLine(12_345_678, LogLevel.Err, "acme-i2c 6000000.i2c: probe failed"), rawLevel: true));

    [Fact]
    public void Default_drops_debug_only() =>
        Assert.Equal(
            "[    0.000001] Booting Linux on physical CPU 0x0\n" +
            "[    0.123456] acme-dmac 2000000.dma: Adding to iommu group 0\n",
            DmesgFormatter.Format(SampleBoot.Result().Log));

    [Fact]
    public void Debug_level_shows_everything_with_raw_levels() =>
        Assert.Equal(
            "<6>[    0.000001] Booting Linux on physical CPU 0x0\n" +
            "<6>[    0.123456] acme-dmac 2000000.dma: Adding to iommu group 0\n" +
            "<7>[    0.200000] platform 4000000.serial: deferred probe pending\n",
            DmesgFormatter.Format(SampleBoot.Result().Log, new DmesgOptions { MinimumLevel = LogLevel.Debug, RawLevels = true }));

    [Fact]
    public void Warning_level_keeps_errors_and_warnings()
    {
        LogLine[] lines =
        [
            new(10, LogLevel.Err, "e"),
            new(20, LogLevel.Warning, "w"),
            new(30, LogLevel.Notice, "n"),
        ];
        Assert.Equal("[    0.000010] e\n[    0.000020] w\n", DmesgFormatter.Format(lines, new DmesgOptions { MinimumLevel = LogLevel.Warning }));
    }

    [Fact]
    public void Writer_newline_setting_is_ignored()
    {
        using var writer = new StringWriter { NewLine = "\r\n" };
        DmesgFormatter.Write(writer, [new LogLine(0, LogLevel.Info, "x")]);
        Assert.Equal("[    0.000000] x\n", writer.ToString());
    }
}
