using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Text;

namespace ProbeSim.Reports.Tests;

public class DeviceTreeViewTests
{
    private static DeviceOutcome Dev(string name, string path, DeviceState state = DeviceState.Bound, string? driver = "drv") =>
        new() { Name = name, Bus = "platform", SysfsPath = path, State = state, Driver = state == DeviceState.Bound ? driver : null };

    [Fact]
    public void Devices_nest_by_sysfs_parent_below_the_common_directory()
    {
        var devices = new[]
        {
            Dev("soc", "/sys/devices/platform/soc", driver: "simple-pm-bus"),
            Dev("20.uart", "/sys/devices/platform/soc/20.uart", DeviceState.Deferred) with { DeferReason = "platform: wait for supplier clk" },
            Dev("10.pcie", "/sys/devices/platform/soc/10.pcie", driver: "pcie-host"),
            Dev("0000:00:00.0", "/sys/devices/platform/soc/10.pcie/pci0000:00/0000:00:00.0", driver: "pcieport"),
            Dev("timer", "/sys/devices/platform/timer", DeviceState.NoDriver),
        };
        // siblings in ordinal order (10.pcie before 20.uart, soc before timer); pci0000:00 is a directory, not a device
        var expected =
            "/sys/devices/platform\n" +
            "├── soc [simple-pm-bus] bound\n" +
            "│   ├── 10.pcie [pcie-host] bound\n" +
            "│   │   └── pci0000:00\n" +
            "│   │       └── 0000:00:00.0 [pcieport] bound\n" +
            "│   └── 20.uart deferred: platform: wait for supplier clk\n" +
            "└── timer no-driver\n" +
            "5 devices: 3 bound, 1 deferred, 0 failed, 1 no-driver, 0 not-present\n";
        Assert.Equal(expected, DeviceTreeView.FormatPlain(devices));
    }

    [Fact]
    public void Failed_devices_show_their_errno_and_nodes_that_are_not_devices_come_last()
    {
        var devices = new[]
        {
            Dev("30.i2c", "/sys/devices/platform/30.i2c", DeviceState.Failed) with { Error = -5 },
            new DeviceOutcome { Name = "usb@40", OfNode = "/usb@40", State = DeviceState.NotPresent, NoDevice = new ProbeSim.Kernel.Of.NoDeviceReason.Disabled("disabled"), Note = new TextNote("status = \"disabled\"") },
            new DeviceOutcome { Name = "odd", Bus = "platform", State = DeviceState.Bound, Driver = "x" },
        };
        var expected =
            "/sys/devices/platform\n" +
            "└── 30.i2c failed (-5 EIO)\n" +
            DeviceTreeNode.NoSysfsRoot + "\n" +
            "└── odd [x] bound\n" +
            DeviceTreeNode.NotDevicesRoot + "\n" +
            "└── /usb@40 disabled: status = \"disabled\"\n" +
            "3 devices: 1 bound, 0 deferred, 1 failed, 0 no-driver, 1 not-present\n";
        Assert.Equal(expected, DeviceTreeView.FormatPlain(devices));
    }

    [Fact]
    public void The_root_stops_where_the_paths_part()
    {
        // /sys and /sys/devices have one child each and are merged; /sys/devices has two
        var roots = DeviceTreeNode.Build([Dev("a", "/sys/devices/platform/a"), Dev("b", "/sys/devices/virtual/b")]);
        Assert.Equal(["/sys/devices"], roots.Select(r => r.Segment));
        Assert.Equal(["platform", "virtual"], roots[0].Children.Select(c => c.Segment));
    }

    [Fact]
    public void No_devices_give_only_the_summary() =>
        Assert.Equal("0 devices: 0 bound, 0 deferred, 0 failed, 0 no-driver, 0 not-present\n", DeviceTreeView.FormatPlain([]));

    [Fact]
    public void Spectre_tree_colours_the_state_only_with_colour()
    {
        using var plain = new StringWriter();
        DeviceTreeView.Write(TestConsoles.Create(plain, colour: false), SampleBoot.Result().Devices);
        Assert.DoesNotContain('\u001b', plain.ToString());
        Assert.Contains("2000000.dma [acme-dmac] bound", plain.ToString());
        Assert.Contains("└── ", plain.ToString());

        using var coloured = new StringWriter();
        DeviceTreeView.Write(TestConsoles.Create(coloured, colour: true), SampleBoot.Result().Devices);
        Assert.Contains("\u001b[32mbound", coloured.ToString());
        Assert.Contains("\u001b[93mdeferred", coloured.ToString());
    }
}
