using ProbeSim.TestSupport;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Import.Tests.Real;

/// <summary>
/// The importer on a few files of Debian's 6.1.192 source with Debian's arm64 config; every expectation was read from
/// the source (file:line in the comments) and the config (../shared/kernels/debian-bookworm-arm64/config.txt).
/// Skipped when /work/src/linux-source-6.1 is absent (CI): nothing is downloaded.
/// </summary>
[Trait("Category", "KernelSource")]
public class Debian61SourceTests
{
    private static readonly string[] Files =
    [
        "drivers/clk/rockchip/clk-rk3399.c", "drivers/mfd/rk808.c", "drivers/gpu/drm/vc4/vc4_drv.c", "drivers/gpu/drm/vc4/vc4_hdmi.c",
        "drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c", "drivers/irqchip/irq-imx-gpcv2.c", "drivers/tty/serial/amba-pl011.c",
        "drivers/nvme/host/pci.c", "drivers/pci/controller/pcie-rockchip-host.c",
    ];

    private static readonly Lazy<ImportedKernel> Kernel = new(() => KernelImporter.Import(new ImportRequest(
        KernelTrees.RootOrAbsent(KernelTree.Debian61), Path.Combine(DeviceTree.Tests.TestPaths.Shared, "kernels", "debian-bookworm-arm64", "config.txt"), "arm64")
    { OnlyFiles = Files }));

    private static ImportedDriver Driver(string id) => Kernel.Value.Drivers.Single(d => d.Id == id);

    private static List<(string, int)> Compatibles(string id) =>
        Kernel.Value.Matches.Where(m => m.DriverId == id && m.Kind == MatchKind.Of).OrderBy(m => m.Order).Select(m => (m.Value, m.Source.Line)).ToList();

    [KernelSourceFact]
    public void Rk3399ClockControllerIsBothEarlyAndAPlatformDriver()
    {
        // clk-rk3399.c:1651 struct platform_driver clk_rk3399_driver, .name "clk-rk3399" (1653);
        // 1658 builtin_platform_driver_probe(clk_rk3399_driver, clk_rk3399_probe); CONFIG_CLK_RK3399=y
        var d = Driver("drivers/clk/rockchip/clk-rk3399.c:clk_rk3399_driver");
        Assert.Equal(("clk-rk3399", ImportedBus.Platform, BuildStatus.BuiltIn, "clk_rk3399_probe", InitcallLevel.Device),
            (d.Name, d.Bus, d.Status, d.ProbeFunction, d.Initcall!.Value));
        Assert.Equal(1651, d.Source.Line);
        // 1624-1629: the of table, entries at 1624 and 1627 (compatibles on 1625, 1628)
        Assert.Equal([("rockchip,rk3399-cru", 1624), ("rockchip,rk3399-pmucru", 1627)], Compatibles(d.Id));
        // 1575, 1609: CLK_OF_DECLARE (not _DRIVER) for both controllers
        var early = Kernel.Value.EarlyInits.Where(e => e.Source.File == "drivers/clk/rockchip/clk-rk3399.c").Select(e => (e.Table, e.Compatible, e.InitFunction, e.Source.Line, e.Status));
        Assert.Equal([(EarlyTable.Clk, "rockchip,rk3399-cru", "rk3399_clk_init", 1575, BuildStatus.BuiltIn),
                      (EarlyTable.Clk, "rockchip,rk3399-pmucru", "rk3399_pmu_clk_init", 1609, BuildStatus.BuiltIn)], early);
    }

    [KernelSourceFact]
    public void Rk808IsABuiltInI2cDriver()
    {
        // rk808.c:858 struct i2c_driver rk808_i2c_driver, .name "rk808" (860), .probe rk808_probe (864), module_i2c_driver (869);
        // Makefile:226 obj-$(CONFIG_MFD_RK808) += rk808.o with CONFIG_MFD_RK808=y
        var d = Driver("drivers/mfd/rk808.c:rk808_i2c_driver");
        Assert.Equal(("rk808", ImportedBus.I2c, BuildStatus.BuiltIn, "rk808_probe", InitcallLevel.Device), (d.Name, d.Bus, d.Status, d.ProbeFunction, d.Initcall!.Value));
        // 634-638, in table order
        Assert.Equal([("rockchip,rk805", 634), ("rockchip,rk808", 635), ("rockchip,rk809", 636), ("rockchip,rk817", 637), ("rockchip,rk818", 638)], Compatibles(d.Id));
    }

    [KernelSourceFact]
    public void Vc4RegistersItsComponentDrivers()
    {
        // vc4_drv.c:424-426 component_drivers holds &vc4_hdmi_driver; 477 vc4_drm_register calls platform_register_drivers(component_drivers, ...);
        // 497 module_init(vc4_drm_register); vc4/Makefile:5 vc4-y holds vc4_hdmi.o (14), 30 obj-$(CONFIG_DRM_VC4) += vc4.o, CONFIG_DRM_VC4=m
        var d = Driver("drivers/gpu/drm/vc4/vc4_hdmi.c:vc4_hdmi_driver");
        Assert.Equal(("vc4_hdmi", BuildStatus.Module, "vc4", "drivers/gpu/drm/vc4/vc4_drv.c:vc4_drm_register", InitcallLevel.Device),
            (d.Name, d.Status, d.Module, d.RegisteredBy, d.Initcall!.Value));
        Assert.Equal(3682, d.Source.Line);
        Assert.Equal(("brcm,bcm2835-hdmi", 3670), Compatibles(d.Id)[0]);
        // vc4_drv.c: the main driver is registered by the same initcall (482 platform_driver_register(&vc4_platform_driver)): no RegisteredBy
        Assert.Null(Driver("drivers/gpu/drm/vc4/vc4_drv.c:vc4_platform_driver").RegisteredBy);
    }

    [KernelSourceFact]
    public void ArmSmmuV3IsBuiltIn()
    {
        // arm-smmu-v3.c:3985 arm_smmu_driver, .name "arm-smmu-v3" (3987), .probe arm_smmu_device_probe (3991); 3974 "arm,smmu-v3";
        // arm-smmu-v3/Makefile:2-3 obj-$(CONFIG_ARM_SMMU_V3) += arm_smmu_v3.o, arm_smmu_v3-objs-y += arm-smmu-v3.o; CONFIG_ARM_SMMU_V3=y
        var d = Driver("drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c:arm_smmu_driver");
        Assert.Equal(("arm-smmu-v3", BuildStatus.BuiltIn, "arm_smmu_device_probe"), (d.Name, d.Status, d.ProbeFunction));
        Assert.Equal([("arm,smmu-v3", 3974)], Compatibles(d.Id));
        Assert.Equal(3985, d.Source.Line);
    }

    [KernelSourceFact]
    public void ImxGpcv2IsAnEarlyIrqchip()
    {
        // irq-imx-gpcv2.c:289-290 IRQCHIP_DECLARE for fsl,imx7d-gpc and fsl,imx8mq-gpc with imx_gpcv2_irqchip_init
        var early = Kernel.Value.EarlyInits.Where(e => e.Source.File == "drivers/irqchip/irq-imx-gpcv2.c").Select(e => (e.Table, e.Compatible, e.InitFunction, e.Source.Line));
        Assert.Equal([(EarlyTable.Irqchip, "fsl,imx7d-gpc", "imx_gpcv2_irqchip_init", 289), (EarlyTable.Irqchip, "fsl,imx8mq-gpc", "imx_gpcv2_irqchip_init", 290)], early);
    }

    [KernelSourceFact]
    public void Pl011IsAnAmbaDriverAtArchInitcall()
    {
        // amba-pl011.c:2998 struct amba_driver pl011_driver, .name "uart-pl011" (3000); 3015 amba_driver_register in pl011_init;
        // 3028 arch_initcall(pl011_init); ids 2984-2985 0x00041011/0x000fffff, 2989-2990 0x00380802/0x00ffffff; CONFIG_SERIAL_AMBA_PL011=y
        var d = Driver("drivers/tty/serial/amba-pl011.c:pl011_driver");
        Assert.Equal(("uart-pl011", ImportedBus.Amba, BuildStatus.BuiltIn, InitcallLevel.Arch), (d.Name, d.Bus, d.Status, d.Initcall!.Value));
        Assert.Equal(["00041011/000fffff", "00380802/00ffffff"], Kernel.Value.Matches.Where(m => m.DriverId == d.Id).Select(m => m.Value));
    }

    [KernelSourceFact]
    public void NvmeIsAPciModuleMatchingByClass()
    {
        // pci.c:3709 struct pci_driver nvme_driver, .name "nvme" (3710); 3704 PCI_DEVICE_CLASS(PCI_CLASS_STORAGE_EXPRESS, 0xffffff),
        // pci_ids.h:27 PCI_CLASS_STORAGE_EXPRESS 0x010802; nvme/host/Makefile:6,22 nvme-y += pci.o; CONFIG_BLK_DEV_NVME=m
        var d = Driver("drivers/nvme/host/pci.c:nvme_driver");
        Assert.Equal(("nvme", ImportedBus.Pci, BuildStatus.Module, "nvme"), (d.Name, d.Bus, d.Status, d.Module));
        Assert.Contains(Kernel.Value.Matches, m => m.DriverId == d.Id && m.Kind == MatchKind.Pci && m.Value == "class=010802/ffffff" && m.Source.Line == 3704);
    }

    [KernelSourceFact]
    public void RockchipPcieHostIsBuiltIn()
    {
        // pcie-rockchip-host.c:1055 rockchip_pcie_driver, .name "rockchip-pcie" (1057), .probe rockchip_pcie_probe (1061),
        // 1064 module_platform_driver; 1050 "rockchip,rk3399-pcie"; CONFIG_PCIE_ROCKCHIP_HOST=y
        var d = Driver("drivers/pci/controller/pcie-rockchip-host.c:rockchip_pcie_driver");
        Assert.Equal(("rockchip-pcie", BuildStatus.BuiltIn, "rockchip_pcie_probe", InitcallLevel.Device), (d.Name, d.Status, d.ProbeFunction, d.Initcall!.Value));
        Assert.Equal([("rockchip,rk3399-pcie", 1050)], Compatibles(d.Id));
    }
}
