using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Sysfs;

namespace ProbeSim.Reports.Tests;

public class IommuSysfsFormatterTests
{
    [Fact]
    public void Groups_iommus_and_links_as_a_tree()
    {
        var result = new BootResult
        {
            Board = "b", Profile = "v6.6", Cmdline = "", DriverSet = "d",
            Devices =
            [
                new DeviceOutcome { Name = "0000:00:01.0", Bus = "pci", IommuGroup = 0, SysfsPath = "/sys/devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0" },
                new DeviceOutcome { Name = "9050000.smmuv3", Bus = "platform", SysfsPath = "/sys/devices/platform/9050000.smmuv3" },
            ],
            IommuGroups = [new IommuGroupOutcome(0, "DMA", "DMA", ["0000:00:01.0"], null, 1, ["0x0000000008000000 0x00000000080fffff msi"])],
            Iommus = [new IommuOutcome("smmu3.0x0000000009050000", "9050000.smmuv3", "arm-smmu-v3", ["0000:00:01.0"], null, 0)],
        };
        var w = new StringWriter();
        IommuSysfsFormatter.Write(w, result);
        Assert.Equal("""
            /sys/kernel/iommu_groups/
            └── 0
                ├── devices
                │   └── 0000:00:01.0 -> ../../../../devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0
                ├── reserved_regions: 0x0000000008000000 0x00000000080fffff msi
                └── type: DMA
            /sys/class/iommu/
            └── smmu3.0x0000000009050000 -> ../../../../devices/platform/9050000.smmuv3
                └── devices
                    └── 0000:00:01.0 -> ../../../../devices/platform/4010000000.pcie/pci0000:00/0000:00:01.0
            /sys/bus/pci/devices/0000:00:01.0/iommu_group -> ../../../../kernel/iommu_groups/0

            """.ReplaceLineEndings("\n"), w.ToString());
    }
}
