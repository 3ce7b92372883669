using ProbeSim.DeviceTree.Source;

namespace ProbeSim.DeviceTree;

public enum InputFormat { Auto, Dts, Dtb }

/// <summary>How to read a device tree: the format, the kernel-style preprocessing, and dtc's compile options.</summary>
public sealed class LoadOptions
{
    public InputFormat Format { get; set; } = InputFormat.Auto;

    /// <summary>Run the built-in C preprocessor first, as the kernel's dts build runs cpp.</summary>
    public bool Preprocess { get; set; }

    /// <summary>cpp -I directories (only with <see cref="Preprocess"/>).</summary>
    public List<string> PreprocessorIncludeDirs { get; } = new();

    /// <summary>cpp -D NAME[=VALUE] (only with <see cref="Preprocess"/>); <c>__DTS__</c> is always defined.</summary>
    public List<string> Defines { get; } = new();

    public DtsCompileOptions Compile { get; } = new();

    /// <summary>The options the kernel's dts Makefile uses for a board in <paramref name="boardDir"/> of a tree at <paramref name="kernelRoot"/>.</summary>
    public static LoadOptions KernelBoard(string kernelRoot, string boardDir, bool symbols = false)
    {
        var o = new LoadOptions { Format = InputFormat.Dts, Preprocess = true };
        o.PreprocessorIncludeDirs.Add(Path.Combine(kernelRoot, "include"));
        o.PreprocessorIncludeDirs.Add(boardDir);
        o.PreprocessorIncludeDirs.Add(Path.Combine(kernelRoot, "src"));
        o.Compile.IncludeDirs.Add(boardDir);
        o.Compile.BootCpuId = 0;
        o.Compile.GenerateSymbols = symbols;
        return o;
    }
}
