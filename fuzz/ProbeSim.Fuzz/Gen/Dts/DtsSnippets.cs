namespace ProbeSim.Fuzz.Gen.Dts;

/// <summary>Pieces of DTS (and preprocessor) text the mutator inserts: every construct of the language, used right and wrong. <c>LBL</c> stands for a label of the file.</summary>
public static class DtsSnippets
{
    /// <summary>Statements for inside a node (after '{' or ';').</summary>
    public static readonly IReadOnlyList<string> InNode =
    [
        "blob = /incbin/(\"x.bin\");", "blob = /incbin/(\"x.bin\", 4, 8);", "blob = /incbin/(\"x.bin\", 0xffffffff, 16);",
        "blob = /incbin/(\"x.bin\", -1, 4);", "blob = /incbin/(\"x.bin\", 0, 0xffffffffffffffff);", "blob = /incbin/(\"missing.bin\");",
        "blob = /incbin/(\".\");", "blob = /incbin/(\"include\");", "blob = /incbin/(\"/dev/null\");", "blob = /incbin/(\"x.bin\", 2);",
        "/delete-node/ &LBL;", "/delete-node/ child;", "/delete-property/ compatible;", "/delete-property/ nope;",
        "ref = <&LBL>;", "ref = <&{/soc}>;", "ref = &LBL;", "ref = <&undefined_label>;", "ref = <&{/no/such/node}>;", "ref = &{/};",
        "LBL: dup { };", "l1: l1: twice { };", "phandle = <1>;", "phandle = <0xffffffff>;", "linux,phandle = <2>;", "phandle = <0>;",
        "phandle = <&LBL>;", "#address-cells = <5>;", "#size-cells = <0xffffffff>;", "#address-cells = <0>;", "reg = <>;",
        "reg = <1 2 3>;", "reg = <0xffffffff 0xffffffff 0xffffffff 0xffffffff>;", "ranges;", "ranges = <0 0 0>;", "status = \"disabled\";",
        "status = \"okay\";", "status = \"fail-sss\";", "iommus = <&LBL 0xffffffff>;", "iommus = <&LBL>, <&LBL 1 2 3>;",
        "iommu-map = <0 &LBL 0 0xffffffff>;", "iommu-map-mask = <0>;", "msi-map = <0 &LBL 0 0x10000>;", "interrupts = <>;",
        "interrupts = <0 1>;", "clocks = <&LBL 99999>;", "clocks = <&LBL>, <0>;", "clock-names = \"a\", \"a\";", "compatible = \"\";",
        "compatible = \"arm,smmu-v3\", \"simple-bus\";", "compatible = \"simple-bus\";", "compatible = \"arm,primecell\";",
        "compatible = \"pci-host-ecam-generic\";", "compatible = \"regulator-fixed\";", "compatible = \"simple-mfd\", \"syscon\";",
        "dma-ranges = <0 0 0 0 0xffffffff 0xffffffff>;", "dma-ranges;", "dma-coherent;", "power-domains = <&LBL>;",
        "power-domains = <&LBL 0xffffffff>;", "#iommu-cells = <0>;", "#iommu-cells = <99>;", "#clock-cells = <1000>;",
        "#power-domain-cells = <1>;", "#reset-cells = <0xffffffff>;", "resets = <&LBL 1>;", "interrupt-parent = <&LBL>;",
        "interrupt-parent = <0>;", "interrupts-extended = <&LBL 1 2>;", "pinctrl-0 = <&LBL>;", "pinctrl-names = \"default\";",
        "vcc-supply = <&LBL>;", "dmas = <&LBL 0>;", "dma-names = \"rx\";", "gpios = <&LBL 1 0>;", "bus-range = <0 0xffff>;",
        "device_type = \"pci\";", "device_type = \"cpu\";", "iommu-addresses = <&LBL 0 0x1000>;", "memory-region = <&LBL>;",
        "arm,primecell-periphid = <0x00041011>;", "arm,primecell-periphid = <0xffffffff>;", "nvmem-cells = <&LBL>;",
        "x = /bits/ 8 <256>;", "x = /bits/ 7 <1>;", "x = /bits/ 64 <&LBL>;", "x = /bits/ 16 <0x10000>;", "x = /bits/ 0 <1>;",
        "x = [0];", "x = [gg];", "x = [0011 2];", "x = [];", "x = <>, \"\", [];", "x = < /bits/ 8 1 >;",
        "/omit-if-no-ref/ orphan { };", "child@0 { reg = <0>; };", "child@0 { reg = <1>; };", "@ { };", "n@ { };", "n@@1 { };",
        "very,long,name-with.dots_and+plus?q#h { };", "node { node { node { }; }; };", "x = \"abc", "/* unterminated", "x = [00",
        "x = <1", "x = <(1 +)>;", "x = <(>;", "x;;", "= <1>;", "x = <1> <2>;", "x = , ;", "{ };", "}", "{",
        "x = <LBL>;", "x = &;", "x = &&LBL;", "LBL: x = <1>;", "x = LBL: <1>;", "x = <LBL: 1>;", "x = \"a\" LBL:;",
    ];

    /// <summary>Statements that parse and change what the boot does (statuses, suppliers, cell counts, IOMMU and DMA properties).</summary>
    public static readonly IReadOnlyList<string> Semantic =
    [
        "status = \"disabled\";", "status = \"okay\";", "status = \"fail\";", "iommus = <&LBL 0x10>;", "iommus = <&LBL>;",
        "iommu-map = <0 &LBL 0 0x10000>;", "iommu-map-mask = <0xffff>;", "clocks = <&LBL 1>;", "clocks = <&LBL>;",
        "power-domains = <&LBL 0>;", "power-domains = <&LBL>;", "resets = <&LBL 0>;", "#iommu-cells = <1>;", "#iommu-cells = <0>;",
        "#clock-cells = <0>;", "#clock-cells = <1>;", "#power-domain-cells = <0>;", "#reset-cells = <1>;", "dma-coherent;",
        "dma-ranges = <0x0 0x0 0x0 0x0 0x1 0x0>;", "dma-ranges;", "interrupt-parent = <&LBL>;", "vcc-supply = <&LBL>;",
        "pinctrl-0 = <&LBL>;", "pinctrl-names = \"default\";", "dmas = <&LBL 1>;", "dma-names = \"tx\";", "phys = <&LBL>;",
        "msi-parent = <&LBL>;", "memory-region = <&LBL>;", "compatible = \"simple-bus\";", "compatible = \"arm,smmu-v3\";",
        "compatible = \"regulator-fixed\";", "compatible = \"simple-mfd\";", "arm,primecell-periphid = <0x00041330>;",
        "/delete-node/ &LBL;", "/delete-property/ compatible;", "/delete-property/ status;", "child@0 { compatible = \"acme,child\"; reg = <0 0 0 1>; };",
        "nested { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <0>; leaf@1 { compatible = \"acme,leaf\"; reg = <1>; }; };",
    ];

    /// <summary>Statements for the top level (after the root node's '};' or at the start).</summary>
    public static readonly IReadOnlyList<string> TopLevel =
    [
        "/include/ \"inc.dtsi\"", "#include \"inc.dtsi\"", "#include \"board.dts\"", "/include/ \"board.dts\"", "#include <missing.h>",
        "#include \"include\"", "#include \"\"", "/include/ \"x.bin\"", "/include/ \"missing.dtsi\"", "#include \"x.bin\"",
        "&LBL { extra = <1>; };", "&LBL { /delete-property/ compatible; };", "&{/soc} { added { }; };", "&{/nonexistent} { };",
        "&undefined_label { };", "/delete-node/ &LBL;", "/delete-node/ &{/soc};", "/delete-node/ &{/};", "/ { };", "/ { / { }; };",
        "/memreserve/ 0 0xffffffffffffffff;", "/memreserve/ 0xffffffffffffffff 1;", "/memreserve/ 1;", "/plugin/;", "/dts-v1/;",
        "/dts-v2/;", "#define X X", "#define F(a) F(a) a", "#define LBL 0", "#if 1/0\n#endif", "#if\n#endif", "#endif", "#else",
        "#error boom", "#warning careful", "#line 0 \"x\"", "#pragma once", "#include_next <x.h>", "#undef", "#define",
        "#define A(x, x) x", "#ifdef\n#endif", "#if defined(\n#endif", "#define S(x) #x\nstr_ok { s = S(a \"b\"); };",
        "#define CAT(a, b) a ## b\nCAT(/, dts-v1/);", "??=", "\\\n", "/bits/ 8 <1>;", "};", "/ {",
    ];

    /// <summary>Bytes that are not valid text, or invisible, for byte-level damage.</summary>
    public static readonly IReadOnlyList<byte[]> BadBytes =
    [
        [0x00], [0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0x0d],
        [0x0c], [0x1a], [0x7f], [0xc0, 0xaf], [0x5c, 0x0a],
    ];
}
