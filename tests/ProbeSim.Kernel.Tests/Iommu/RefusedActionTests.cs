using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Tests.Boot;

namespace ProbeSim.Kernel.Tests.Iommu;

/// <summary>
/// User actions the kernel refuses at run time: the errno it returns and the typed reason the model records
/// (ActionOutcome.Refusal). Expectations come from the kernel source: Linux v6.1 (drivers/base/bus.c, dd.c,
/// drivers/vfio/vfio_main.c, container.c, drivers/iommu/iommu.c) and v5.10.13 (drivers/vfio/vfio.c, drivers/base/bus.c).
/// </summary>
public class RefusedActionTests
{
    // 01:00.0 (8086:10d3) binds e1000e at boot; 01:00.1 (8086:10d4) has no driver, so user space can give it to vfio-pci.
    // The root port has ACS, the endpoint is multi-function without ACS: the two functions share one group.
    internal const string Pci = """
        drivers:
          - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"] }
        pci:
          host: /pcie@10000000
          devices:
            - { slot: 00.0, id: "1b36:0008", class: 0x060000 }
            - slot: 01.0
              type: root-port
              acs: [SV, RR, CR, UF]
              below:
                - { slot: 00.0, id: "8086:10d3", class: 0x020000 }
                - { slot: 00.1, id: "8086:10d4", class: 0x020000 }

        """;

    internal const string VfioOn01 = """
        actions:
          - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }

        """;

    static ActionOutcome Only(BootResult r, UserActionKind kind, string device) => r.Actions.Single(a => a.Kind == kind && a.Device == device);

    [Fact]
    public void V6_1_set_container_on_a_group_with_a_kernel_driver_is_eperm_and_names_the_group_mate_and_its_driver()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + VfioOn01, profile: "v6.1");
        var a = Only(r, UserActionKind.VfioSetContainer, "0000:01:00.1");
        // e1000e's dma_configure made owner_cnt 1 (iommu_device_use_default_domain), so
        // vfio_container_attach_group -> iommu_group_claim_dma_owner returns -EPERM
        // (v6.1 drivers/vfio/container.c:446-450, drivers/iommu/iommu.c:3181-3183)
        Assert.Equal(-1, a.Result);
        Assert.Equal(1, a.Group);
        var why = Assert.IsType<GroupNotViable>(a.Refusal);
        Assert.Equal(1, why.Group);
        Assert.Equal(new[] { new GroupMember("0000:01:00.0", "e1000e") }, why.Blockers);
        // vfio-pci is driver_managed_dma: it never counts as a kernel DMA user, so it is not named
        Assert.DoesNotContain(why.Blockers, m => m.Device == "0000:01:00.1");
        // the refusal is on the device's outcome too
        Assert.Equal(a, Assert.Single(r.Dev("0000:01:00.1").RefusedActions));
        Assert.Empty(r.Dev("0000:01:00.0").RefusedActions);
    }

    [Fact]
    public void V6_1_the_kernel_prints_nothing_when_it_refuses_set_container()
    {
        // container.c:427-477 and iommu.c:3176-3205 return the errno without a printk
        var r = Sim.Boot(PciIommuTests.Board, Pci + VfioOn01, profile: "v6.1");
        var t = Only(r, UserActionKind.VfioSetContainer, "0000:01:00.1").TimeUs;
        var bound = Only(r, UserActionKind.Bind, "0000:01:00.1").TimeUs;
        Assert.DoesNotContain(r.Log, l => l.TimeUs > bound && l.TimeUs <= t);
    }

    [Fact]
    public void V5_10_set_container_succeeds_and_the_device_fd_is_einval_because_the_group_is_not_viable()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + VfioOn01 + "  - { at: 3, vfio-open-device: 0000:01:00.1 }\n", profile: "v5.10");
        // SET_CONTAINER checks no viability before v5.19; GET_DEVICE_FD does (v5.10 drivers/vfio/vfio.c:1441-1443),
        // vfio_dev_viable refusing a member bound to a driver other than vfio/pci-stub (vfio.c:630-646, 661-688)
        Assert.Equal(0, Only(r, UserActionKind.VfioSetContainer, "0000:01:00.1").Result);
        var a = Only(r, UserActionKind.VfioOpenDevice, "0000:01:00.1");
        Assert.Equal(-22, a.Result);
        Assert.Equal(new GroupMember("0000:01:00.0", "e1000e"), Assert.Single(Assert.IsType<GroupNotViable>(a.Refusal).Blockers));
    }

    [Fact]
    public void V6_1_device_fd_without_a_container_is_einval_and_unset_without_one_too()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + """
            actions:
              - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
              - { at: 2, vfio-open-device: 0000:01:00.1 }
              - { at: 3, vfio-unset-container: 0000:01:00.1 }
              - { at: 4, vfio-open-device: 0000:01:00.0 }

            """, profile: "v6.1");
        // vfio_device_assign_container: no container (v6.1 drivers/vfio/container.c:520-522)
        var open = r.Actions.First(a => a.Kind == UserActionKind.VfioOpenDevice);
        Assert.Equal((-22, (ActionRefusal)new NoContainer(1)), (open.Result, open.Refusal));
        // vfio_group_ioctl_unset_container: !group->container (v6.1 drivers/vfio/vfio_main.c:689-691)
        var unset = Only(r, UserActionKind.VfioUnsetContainer, "0000:01:00.1");
        Assert.Equal((-22, (ActionRefusal)new NoContainer(1)), (unset.Result, unset.Refusal));
        // e1000e's device is no VFIO device of the group: vfio_device_get_from_name -> -ENODEV (vfio_main.c:605, 848-850)
        var other = Only(r, UserActionKind.VfioOpenDevice, "0000:01:00.0");
        Assert.Equal((-19, (ActionRefusal)new NotAVfioDevice("e1000e")), (other.Result, other.Refusal));
    }

    [Fact]
    public void V6_1_bind_to_a_driver_that_does_not_match_is_enodev()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + "actions:\n  - { at: 1, bind: 0000:01:00.1, driver: e1000e }\n", profile: "v6.1");
        // bind_store: driver_match_device fails (01:00.1 is 8086:10d4), err stays -ENODEV (v6.1 drivers/base/bus.c:210-213)
        var a = Only(r, UserActionKind.Bind, "0000:01:00.1");
        Assert.Equal((-19, (ActionRefusal)new DriverDoesNotMatch("e1000e")), (a.Result, a.Refusal));
        Assert.Equal("pci", a.Bus);
    }

    [Theory]
    // v6.1: driver_match_device first (bus.c:213), then __driver_probe_device's dev->driver check -EBUSY (dd.c:763-764)
    [InlineData("v6.1", -16)]
    // v5.10: bind_store skips a device with a driver (dev->driver == NULL, v5.10 drivers/base/bus.c:213): -ENODEV
    [InlineData("v5.10", -19)]
    public void Bind_of_a_bound_device_is_refused(string profile, int errno)
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + "actions:\n  - { at: 1, bind: 0000:01:00.0, driver: e1000e }\n", profile: profile);
        var a = Only(r, UserActionKind.Bind, "0000:01:00.0");
        Assert.Equal((errno, (ActionRefusal)new AlreadyBound("e1000e")), (a.Result, a.Refusal));
    }

    [Fact]
    public void V6_1_unbind_from_a_driver_the_device_is_not_bound_to_is_enodev_and_without_a_driver_enoent()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + """
            actions:
              - { at: 1, unbind: 0000:01:00.0, driver: vfio-pci }
              - { at: 2, unbind: 0000:01:00.1 }

            """, profile: "v6.1");
        // unbind_store: dev->driver != drv, err stays -ENODEV (v6.1 drivers/base/bus.c:187-190)
        var wrong = Only(r, UserActionKind.Unbind, "0000:01:00.0");
        Assert.Equal((-19, (ActionRefusal)new NotBound("vfio-pci", "e1000e")), (wrong.Result, wrong.Refusal));
        Assert.Equal("e1000e", r.Dev("0000:01:00.0").Driver);
        // a device without a driver has no driver symlink, so .../devices/DEV/driver/unbind cannot be opened: -ENOENT
        var none = Only(r, UserActionKind.Unbind, "0000:01:00.1");
        Assert.Equal((-2, (ActionRefusal)new NotBound(null, null)), (none.Result, none.Refusal));
    }

    [Fact]
    public void V6_1_a_kernel_driver_bind_into_a_group_vfio_owns_is_ebusy_because_user_space_owns_it()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + """
            actions:
              - { at: 1, unbind: 0000:01:00.0 }
              - { at: 1.5, driver-override: 0000:01:00.1, driver: vfio-pci }
              - { at: 1.6, bind: 0000:01:00.1, driver: vfio-pci }
              - { at: 2, vfio-set-container: 0000:01:00.1 }
              - { at: 3, bind: 0000:01:00.0, driver: e1000e }

            """, profile: "v6.1");
        // really_probe -> pci_dma_configure -> iommu_device_use_default_domain: -EBUSY in a claimed group,
        // returned by device_driver_attach (v6.1 drivers/base/dd.c:1108-1113)
        var a = Only(r, UserActionKind.Bind, "0000:01:00.0");
        Assert.Equal((-16, (ActionRefusal)new GroupOwnedByUser(1, "vfio")), (a.Result, a.Refusal));
    }

    [Fact]
    public void V6_1_a_probe_error_comes_back_negative_from_bind()
    {
        var r = Sim.Boot(PciIommuTests.Board, """
            drivers:
              - { compatible: pci8086,10d3, name: e1000e, bus: pci, pci-ids: ["8086:10d3"], as: module, load-at: never }
              - { compatible: pci8086,10d4, name: igb, bus: pci, pci-ids: ["8086:10d4"], probe: {fail: EIO} }

            """ + Pci[(Pci.IndexOf("pci:", StringComparison.Ordinal))..] + """
            actions:
              - { at: 1, bind: 0000:01:00.0, driver: e1000e }
              - { at: 2, bind: 0000:01:00.1, driver: igb }

            """, profile: "v6.1");
        // no /sys/bus/pci/drivers/e1000e while the module is not loaded: the shell's open fails with ENOENT
        var missing = Only(r, UserActionKind.Bind, "0000:01:00.0");
        Assert.Equal((-2, (ActionRefusal)new DriverNotRegistered("e1000e")), (missing.Result, missing.Refusal));
        // device_driver_attach: "also return probe errors as normal negative errnos" (v6.1 drivers/base/dd.c:1108-1110)
        var failed = Only(r, UserActionKind.Bind, "0000:01:00.1");
        Assert.Equal((-5, (ActionRefusal)new ProbeFailed("igb", -5)), (failed.Result, failed.Refusal));
    }

    [Fact]
    public void An_action_that_succeeds_has_no_refusal()
    {
        var r = Sim.Boot(PciIommuTests.Board, Pci + VfioOn01, profile: "v6.1");
        var bind = Only(r, UserActionKind.Bind, "0000:01:00.1");
        Assert.Equal(0, bind.Result);
        Assert.False(bind.Refused);
        Assert.Null(bind.Refusal);
    }
}
