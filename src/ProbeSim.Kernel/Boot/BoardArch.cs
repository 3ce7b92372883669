using ProbeSim.DeviceTree.Model;

namespace ProbeSim.Kernel.Boot;

/// <summary>Which DMA-mapping code (arch/arm or arch/arm64) a board runs, guessed from its CPU nodes.</summary>
public static class BoardArch
{
    // 32-bit-only ARM cores (ARMv7-A and older); ARMv8 cores may run either, and are taken as arm64
    private static readonly string[] Arm32Cores =
    {
        "arm,cortex-a5", "arm,cortex-a7", "arm,cortex-a8", "arm,cortex-a9", "arm,cortex-a12", "arm,cortex-a15", "arm,cortex-a17",
        "arm,arm926ej-s", "arm,arm1176jzf-s", "arm,arm11mpcore", "marvell,pj4b", "qcom,krait", "qcom,scorpion", "brcm,brahma-b15",
        "marvell,sheeva-v7", "arm,arm920t", "arm,arm1136jf-s", "intel,xscale",
    };

    /// <summary>True when every CPU node with a compatible names a 32-bit-only core.</summary>
    public static bool IsArm32(DtTree tree)
    {
        var cpus = tree.Root.GetChild("cpus");
        if (cpus is null) return false;
        bool any = false;
        foreach (var cpu in cpus.Children)
        {
            if (cpu.GetProperty("device_type")?.AsString() != "cpu" || cpu.Compatible.Count == 0) continue;
            any = true;
            if (!cpu.Compatible.Any(Arm32Cores.Contains)) return false;
        }
        return any;
    }
}
