using ProbeSim.DeviceTree.Binary;
using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree.Tests.Source;

/// <summary>Each DTS feature compiles to the blob dtc 1.8.1 makes from the same source (Cases/README.md).</summary>
public class DtsLanguageTests
{
    private static string Cases => Path.Combine(TestPaths.RepoRoot, "tests", "ProbeSim.DeviceTree.Tests", "Source", "Cases");

    private static byte[] Compile(string name, Action<DtsCompileOptions>? configure = null, FdtWriteOptions? write = null)
    {
        var path = Path.Combine(Cases, name + ".dts");
        var options = new DtsCompileOptions();
        configure?.Invoke(options);
        var result = DtsCompiler.Compile(File.ReadAllText(path), path, options);
        return FdtWriter.Write(result.Tree, write ?? FdtWriteOptions.Default);
    }

    private static void AssertSameAsDtc(string expectedBlob, byte[] actual)
    {
        var expected = File.ReadAllBytes(Path.Combine(Cases, expectedBlob));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Theory]
    [InlineData("labels-and-refs")]      // labels on nodes, properties and in values; &label, &{/path}, &{label/path}; label: &ref { }
    [InlineData("delete-and-merge")]     // node merging, /delete-property/, /delete-node/ by name, label and path, revived nodes
    [InlineData("omit-if-no-ref")]       // /omit-if-no-ref/ on a subnode and by reference
    [InlineData("integers")]             // /bits/, character literals, every operator, precedence, ternary, truncation
    [InlineData("strings-bytes")]        // escapes, string lists, byte strings, mixed values, labels in byte strings
    [InlineData("phandles")]             // explicit phandle, linux,phandle, self reference, allocation order, redundant name
    [InlineData("memreserve")]           // /memreserve/ with labels, boot CPU guessed from /cpus
    [InlineData("include-main")]         // /include/ and /incbin/ with offset and length
    [InlineData("multi-header")]         // repeated /dts-v1/; and a second root merged in
    [InlineData("plugin")]               // /plugin/: orphan fragments, __fixups__, __local_fixups__
    public void Compiles_like_dtc(string name) => AssertSameAsDtc(name + ".expected.dtb", Compile(name));

    [Fact]
    public void Symbols_with_minus_at() => AssertSameAsDtc("symbols.expected.dtb", Compile("symbols", o => o.GenerateSymbols = true));

    [Fact]
    public void Symbols_keep_labelled_omit_if_no_ref_nodes() =>
        AssertSameAsDtc("omit-if-no-ref.symbols.expected.dtb", Compile("omit-if-no-ref", o => o.GenerateSymbols = true));

    [Fact]
    public void Plugin_with_symbols() => AssertSameAsDtc("plugin.symbols.expected.dtb", Compile("plugin", o => o.GenerateSymbols = true));

    [Fact]
    public void Auto_label_aliases() => AssertSameAsDtc("symbols.aliases.expected.dtb", Compile("symbols", o => o.AutoLabelAliases = true));

    [Fact]
    public void Boot_cpu_option() => AssertSameAsDtc("memreserve.b9.expected.dtb", Compile("memreserve", o => o.BootCpuId = 9));

    [Fact]
    public void Padding_options()
    {
        AssertSameAsDtc("memreserve.p100.expected.dtb", Compile("memreserve", write: new FdtWriteOptions { PadSize = 100 }));
        AssertSameAsDtc("memreserve.s1000.expected.dtb", Compile("memreserve", write: new FdtWriteOptions { MinSize = 1000 }));
        AssertSameAsDtc("memreserve.r3.expected.dtb", Compile("memreserve", write: new FdtWriteOptions { ReserveEntries = 3 }));
    }

    [Fact]
    public void Truncated_values_warn_with_position()
    {
        var path = Path.Combine(Cases, "integers.dts");
        var result = DtsCompiler.Compile(File.ReadAllText(path), path, new DtsCompileOptions());
        var w = Assert.Single(result.Warnings, d => d.Message.Contains("0x00000000000001ff"));
        Assert.Equal("Value 0x00000000000001ff truncated to 0xff", w.Message);
        Assert.Equal(16, w.Location!.Value.Line);
        Assert.Equal(24, w.Location!.Value.Column);
    }
}
