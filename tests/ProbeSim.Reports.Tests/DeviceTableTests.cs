using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class DeviceTableTests
{
    [Fact]
    public void Plain_table_is_fixed_width_without_trailing_spaces() =>
        Assert.Equal(
            "NAME            BUS       DRIVER     STATE            REASON                          DMA        BASIS\n" +
            "2000000.dma     platform  acme-dmac  bound            -                               iommu-dma  modelled\n" +
            "4000000.serial  platform  acme-uart  deferred         platform: supplier x not ready  -          guessed\n" +
            "6000000.i2c     platform  acme-i2c   failed (-5 EIO)  -                               -          modelled\n" +
            "7000000.gpu     platform  -          no-driver        no driver matches               -          modelled\n" +
            "usb@8000000     -         -          not-present      disabled                        -          modelled\n" +
            "5 devices: 1 bound, 1 deferred, 1 failed, 1 no-driver, 1 not-present\n",
            DeviceTable.FormatPlain(SampleBoot.Result().Devices));

    [Fact]
    public void Empty_table_has_header_and_summary() =>
        Assert.Equal(
            "NAME  BUS  DRIVER  STATE  REASON  DMA  BASIS\n" +
            "0 devices: 0 bound, 0 deferred, 0 failed, 0 no-driver, 0 not-present\n",
            DeviceTable.FormatPlain([]));

    [Fact]
    public void Summary_counts_states() =>
        Assert.Equal("3 devices: 2 bound, 0 deferred, 0 failed, 0 no-driver, 1 not-present",
            DeviceTable.Summary([SampleBoot.Dma, SampleBoot.Dma, SampleBoot.Usb]));

    [Fact]
    public void Summary_of_one_device_is_singular() =>
        Assert.Equal("1 device: 0 bound, 1 deferred, 0 failed, 0 no-driver, 0 not-present", DeviceTable.Summary([SampleBoot.Serial]));

    [Fact]
    public void Custom_errno_names_are_used() =>
        Assert.Contains("failed (-5 EIO_CUSTOM)", DeviceTable.FormatPlain([SampleBoot.I2c], e => e == -5 ? "EIO_CUSTOM" : null));

    [Fact]
    public void Plain_table_is_deterministic() =>
        Assert.Equal(DeviceTable.FormatPlain(SampleBoot.Result().Devices), DeviceTable.FormatPlain(SampleBoot.Result().Devices));
}
