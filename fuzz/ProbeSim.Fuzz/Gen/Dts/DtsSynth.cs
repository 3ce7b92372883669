using System.Text;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Gen.Dts;

/// <summary>
/// Random boards that compile: a bus of devices that point at each other through every supplier binding the boot model
/// reads (clocks, resets, power domains, IOMMUs, DMA, regulators, pinctrl, PHYs, interrupts, iommu-map), with random
/// cell counts, statuses, nesting and cycles. What they exercise is the boot model, not the parser.
/// </summary>
public static class DtsSynth
{
    private static readonly string[] Compatibles =
    [
        "arm,smmu-v3", "arm,mmu-500", "arm,smmu-v2", "qcom,smmu-v2", "renesas,ipmmu-r8a7791", "rockchip,iommu", "arm,pl330",
        "arm,pl011", "pci-host-ecam-generic", "regulator-fixed", "fixed-clock", "simple-bus", "simple-mfd", "syscon",
        "simple-pm-bus", "arm,gic-v3", "arm,gic-400", "arm,armv8-timer", "probesim,demo-cru", "probesim,demo-power",
        "probesim,demo-pinctrl", "probesim,demo-gpio", "probesim,demo-sdhci", "probesim,demo-eth", "probesim,demo-gpu",
        "probesim,demo-vop", "acme,widget", "vendor,unknown", "pwm-fan", "gpio-leds", "usb-nop-xceiv", "mmio-sram",
        "shared-dma-pool", "arm,psci-1.0", "linux,cma", "",
    ];

    private static readonly (string Prop, string Cells)[] Suppliers =
    [
        ("clocks", "#clock-cells"), ("resets", "#reset-cells"), ("power-domains", "#power-domain-cells"),
        ("iommus", "#iommu-cells"), ("dmas", "#dma-cells"), ("phys", "#phy-cells"), ("pwms", "#pwm-cells"),
        ("interrupts-extended", "#interrupt-cells"), ("mboxes", "#mbox-cells"), ("interconnects", "#interconnect-cells"),
        ("nvmem-cells", ""), ("pinctrl-0", ""), ("vcc-supply", ""), ("vdd-supply", ""), ("memory-region", ""),
        ("interrupt-parent", ""), ("msi-parent", "#msi-cells"), ("remote-endpoint", ""), ("io-channels", "#io-channel-cells"),
    ];

    public static string Generate(Rng rng, List<string> notes)
    {
        int n = rng.Range(1, 24);
        var cells = new Dictionary<int, Dictionary<string, int>>();
        var sb = new StringBuilder("/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\tcompatible = \"acme,synth\";\n");
        if (rng.OneIn(2)) sb.Append("\tcpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = \"cpu\"; compatible = \"")
            .Append(rng.OneIn(2) ? "arm,cortex-a53" : "arm,cortex-a15").Append("\"; reg = <0>; }; };\n");
        sb.Append("\tsoc {\n\t\tcompatible = \"").Append(rng.OneIn(4) ? "simple-pm-bus" : "simple-bus").Append("\";\n\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n");
        if (rng.OneIn(3)) sb.Append("\t\tdma-ranges = <0x0 0x0 ").Append(rng.Pick(new[] { "0x40000000", "0x0", "0xffffffff", "0x1000" })).Append(">;\n");
        for (int i = 0; i < n; i++)
        {
            cells[i] = new();
            foreach (var (_, c) in Suppliers)
                if (c.Length > 0 && rng.OneIn(4)) cells[i][c] = rng.OneIn(8) ? rng.Range(2, 9) : rng.Range(0, 1);
        }
        for (int i = 0; i < n; i++)
        {
            sb.Append($"\t\td{i}: dev{i}@{0x1000 * (i + 1):x} {{\n");
            var compat = rng.Pick(Compatibles);
            sb.Append($"\t\t\tcompatible = \"{compat}\"").Append(rng.OneIn(5) ? ", \"arm,primecell\"" : "").Append(";\n");
            sb.Append($"\t\t\treg = <0x{0x1000 * (i + 1):x} 0x1000>;\n");
            if (rng.OneIn(5)) sb.Append("\t\t\tstatus = \"").Append(rng.Pick(new[] { "disabled", "okay", "fail", "reserved" })).Append("\";\n");
            if (rng.OneIn(4)) sb.Append("\t\t\tdma-coherent;\n");
            if (rng.OneIn(6)) sb.Append("\t\t\tarm,primecell-periphid = <0x").Append(rng.Pick(new[] { "00041330", "00041011", "00041180", "ffffffff" })).Append(">;\n");
            foreach (var (c, v) in cells[i]) sb.Append($"\t\t\t{c} = <{v}>;\n");
            if (rng.OneIn(5)) sb.Append("\t\t\tinterrupt-controller;\n");
            if (rng.OneIn(6)) sb.Append("\t\t\tiommu-map = <0x0 &d").Append(rng.Next(n)).Append(" 0x0 0x10000>;\n");
            int refs = rng.Geometric(5) - 1;
            for (int r = 0; r < refs; r++)
            {
                var (prop, cellName) = rng.Pick(Suppliers);
                int target = rng.Next(n);
                int count = cellName.Length > 0 && cells[target].TryGetValue(cellName, out var k) ? k : 0;
                if (rng.OneIn(6)) count += rng.OneIn(2) ? 1 : -1;
                var args = string.Concat(Enumerable.Range(0, Math.Max(0, count)).Select(_ => " " + rng.Range(0, 3)));
                sb.Append($"\t\t\t{prop} = <&d{target}{args}>;\n");
            }
            if (rng.OneIn(6)) sb.Append($"\t\t\tchild@0 {{ compatible = \"{rng.Pick(Compatibles)}\"; reg = <0 1>; }};\n");
            sb.Append("\t\t};\n");
        }
        sb.Append("\t};\n};\n");
        notes.Add($"synthesized board with {n} devices");
        return sb.ToString();
    }
}
