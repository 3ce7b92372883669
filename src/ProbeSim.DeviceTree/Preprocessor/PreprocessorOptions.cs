namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>The command-line options of <c>cpp</c> that matter for device-tree sources.</summary>
public sealed class PreprocessorOptions
{
    /// <summary>-I: searched, in order, for <c>#include "x"</c> (after the including file's directory) and <c>#include &lt;x&gt;</c>.</summary>
    public List<string> IncludeDirs { get; } = new();

    /// <summary>
    /// -D and -U, applied in order before the file: <c>NAME</c> (defined as 1), <c>NAME=VALUE</c>, <c>NAME(args)=BODY</c>,
    /// or <c>-NAME</c> to undefine NAME.
    /// </summary>
    public List<string> Defines { get; } = new();

    /// <summary>
    /// -x assembler-with-cpp (the default, as the kernel's dts build uses): '#' lines that are no directive pass
    /// through as text, a '#' in a function-like macro that precedes no parameter is kept, and an invalid '##' leaves
    /// both tokens. When false, these are errors as in C.
    /// </summary>
    public bool AssemblerMode { get; set; } = true;
}
