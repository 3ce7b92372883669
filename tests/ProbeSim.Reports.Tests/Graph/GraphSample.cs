using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Tests.Graph;

/// <summary>
/// A small boot for the graph tests: a clock controller, a UART that waits for it (device link "available") and for a
/// pin group that is no device (fwnode link), an MMC behind an SMMU in IOMMU group 0, the SMMU itself, and a disabled USB node.
/// </summary>
public static class GraphSample
{
    public static BootResult Result() => new()
    {
        Board = "acme-evb.dts",
        Profile = "v6.6",
        Cmdline = "",
        DriverSet = "default",
        Devices =
        [
            new DeviceOutcome { Name = "1000.clk", Bus = "platform", OfNode = "/soc/clk@1000", Driver = "acme-clk", State = DeviceState.Bound, SysfsPath = "/sys/devices/platform/soc/1000.clk" },
            new DeviceOutcome
            {
                Name = "2000.serial", Bus = "amba", OfNode = "/soc/serial@2000", State = DeviceState.Deferred,
                DeferReason = "amba: wait for supplier /soc/pinctrl/uart-pins", SysfsPath = "/sys/devices/platform/soc/2000.serial",
                Suppliers = [new SupplierOutcome.Device("1000.clk"), new SupplierOutcome.Fwnode("/soc/pinctrl/uart-pins")],
            },
            new DeviceOutcome
            {
                Name = "3000.mmc", Bus = "platform", OfNode = "/soc/mmc@3000", Driver = "acme-mmc", State = DeviceState.Bound,
                IommuGroup = 0, Iommu = "smmu0", SysfsPath = "/sys/devices/platform/soc/3000.mmc", Suppliers = [new SupplierOutcome.Device("1000.clk")],
            },
            new DeviceOutcome { Name = "4000.iommu", Bus = "platform", OfNode = "/soc/iommu@4000", Driver = "arm-smmu", State = DeviceState.Bound, SysfsPath = "/sys/devices/platform/soc/4000.iommu" },
            new DeviceOutcome { Name = "usb@5000", OfNode = "/soc/usb@5000", State = DeviceState.NotPresent, NoDevice = new ProbeSim.Kernel.Of.NoDeviceReason.Disabled("disabled"), Note = new TextNote("status = \"disabled\"") },
        ],
        Devlinks =
        [
            new DevlinkOutcome("platform:1000.clk--amba:2000.serial", "1000.clk", "2000.serial", "available", false, "consumer unbind", true),
            new DevlinkOutcome("platform:1000.clk--platform:3000.mmc", "1000.clk", "3000.mmc", "active", false, "consumer unbind", true),
        ],
        IommuGroups = [new IommuGroupOutcome(0, "DMA", "DMA", ["3000.mmc"], null, 0, [])],
        Iommus = [new IommuOutcome("smmu0", "4000.iommu", "arm-smmu", ["3000.mmc"], 8, 1)],
    };
}
