using ProbeSim.Kernel.Boot;

namespace ProbeSim.Reports.Tests;

/// <summary>A small boot result with one device in every state, shared by the tests.</summary>
public static class SampleBoot
{
    public static DeviceOutcome Dma => new()
    {
        Name = "2000000.dma",
        Bus = "platform",
        OfNode = "/soc/dma@2000000",
        Compatible = ["acme,dmac-v2", "acme,dmac"],
        Driver = "acme-dmac",
        State = DeviceState.Bound,
        IommuGroup = 0,
        DomainType = "DMA",
        DmaOps = "iommu-dma",
        Coherent = true,
        ProbeAttempts = 2,
        BoundAtUs = 123_456,
        SysfsPath = "/sys/devices/platform/soc/2000000.dma",
        Suppliers = [new SupplierOutcome.Device("platform:3000000.clock-controller")],
    };

    public static DeviceOutcome Serial => new()
    {
        Name = "4000000.serial",
        Bus = "platform",
        OfNode = "/soc/serial@4000000",
        Compatible = ["acme,uart"],
        Driver = "acme-uart",
        State = DeviceState.Deferred,
        DeferReason = "platform: supplier x not ready",
        Basis = OutcomeBasis.Guessed,
        BasisDriver = "acme-uart",
        ProbeAttempts = 3,
        SysfsPath = "/sys/devices/platform/soc/4000000.serial",
    };

    public static DeviceOutcome I2c => new()
    {
        Name = "6000000.i2c",
        Bus = "platform",
        OfNode = "/soc/i2c@6000000",
        Compatible = ["acme,i2c"],
        Driver = "acme-i2c",
        State = DeviceState.Failed,
        Error = -5,
        ProbeAttempts = 1,
    };

    public static DeviceOutcome Gpu => new()
    {
        Name = "7000000.gpu",
        Bus = "platform",
        OfNode = "/soc/gpu@7000000",
        Compatible = ["acme,gpu"],
        State = DeviceState.NoDriver,
        Note = new TextNote("no driver matches"),
    };

    public static DeviceOutcome Usb => new()
    {
        Name = "usb@8000000",
        OfNode = "/soc/usb@8000000",
        Compatible = ["acme,usb"],
        State = DeviceState.NotPresent,
        Note = new TextNote("disabled"),
    };

    public static BootResult Result(string board = "acme-evb") => new()
    {
        Board = board,
        Profile = "v6.6",
        Cmdline = "console=ttyS0 fw_devlink=on",
        DriverSet = "default",
        Devices = [Dma, Serial, I2c, Gpu, Usb],
        DevicesDeferred = [("4000000.serial", "platform: supplier x not ready")],
        Devlinks = [new DevlinkOutcome("platform:3000000.clock-controller--platform:2000000.dma",
            "3000000.clock-controller", "2000000.dma", "active", false, "consumer unbind", true)],
        Log =
        [
            new LogLine(1, LogLevel.Info, "Booting Linux on physical CPU 0x0"),
            new LogLine(123_456, LogLevel.Info, "acme-dmac 2000000.dma: Adding to iommu group 0", "2000000.dma"),
            new LogLine(200_000, LogLevel.Debug, "platform 4000000.serial: deferred probe pending", "4000000.serial"),
        ],
        Notifiers = [new NotifierEvent(123_000, "BIND_DRIVER", "2000000.dma", "acme-dmac"), new NotifierEvent(100, "ADD_DEVICE", "7000000.gpu", null)],
        EndTimeUs = 12_345_678,
    };
}
