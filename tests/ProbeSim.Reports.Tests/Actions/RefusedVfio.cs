using ProbeSim.TestSupport;
using ProbeSim.DeviceTree.Source;
using ProbeSim.Kernel.Boot;
using ProbeSim.Kernel.Drivers;

namespace ProbeSim.Reports.Tests.Actions;

/// <summary>
/// A PCI board below an SMMUv3 where user space gives 01:00.1 to vfio-pci while its group-mate 01:00.0 stays bound to
/// e1000e, booted under v6.1. Three actions are refused: VFIO_GROUP_SET_CONTAINER on the non-viable group (-EPERM),
/// a bind to a driver that does not match (-ENODEV) and an unbind of a device that has no driver (-ENOENT).
/// </summary>
public static class RefusedVfio
{
    public const string Board = SmmuV3PciBoard.Dts;

    public const string Scenario = """
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
        actions:
          - { at: 1, driver-override: 0000:01:00.1, driver: vfio-pci }
          - { at: 1.1, bind: 0000:01:00.1, driver: vfio-pci }
          - { at: 2, vfio-set-container: 0000:01:00.1 }
          - { at: 3, bind: 0000:01:00.1, driver: e1000e }
          - { at: 4, unbind: 0000:00:00.0 }
        """;

    /// <summary>The booted kernel (for explain) and its result.</summary>
    public static (ProbeSim.Kernel.Boot.Kernel Kernel, BootResult Result) Boot()
    {
        var tree = DtsCompiler.Compile(Board, "vfio.dts", new DtsCompileOptions()).Tree;
        var options = new BootOptions { Profile = "v6.1" }.WithScenario(ScenarioFile.Parse(Scenario, "vfio.yaml"), profileGiven: true);
        var kernel = options.CreateKernel(tree, "vfio.dts");
        return (kernel, kernel.Boot());
    }

    /// <summary>The outcome of the one action of that kind.</summary>
    public static ActionOutcome Action(BootResult r, UserActionKind kind, string device) =>
        r.Actions.Single(a => a.Kind == kind && a.Device == device);

    /// <summary><c>[%5lu.%06lu]</c> of the action's time, as dmesg prints timestamps.</summary>
    public static string Stamp(ActionOutcome a) => ProbeSim.Reports.Log.DmesgFormatter.Timestamp(a.TimeUs);
}
