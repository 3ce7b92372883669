namespace ProbeSim.DeviceTree;

/// <summary>
/// The fixed limits that keep every input of the device-tree front end to bounded memory, time and stack
/// (docs/device-tree.md, "Limits"). Each is far above what the real kernel trees need; the figure for the largest
/// of Linux v7.1 (arm64, arm, riscv) and v4.12 (arm, arm64) is given with each. Past a limit the input is refused with one error naming
/// the file and position (or byte offset), never a crash.
/// </summary>
public static class DeviceTreeLimits
{
    /// <summary>Bytes of one input file: a DTS, a header or .dtsi, a DTB (largest real: 250 KB, a DTB 170 KB).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Bytes all <c>/incbin/</c> of one source may include together (no kernel tree uses /incbin/).</summary>
    public const long MaxIncbinBytes = 64L << 20;

    /// <summary>Levels of nodes, the root included, in a source, a blob or a tree an overlay makes (real: 12).</summary>
    public const int MaxNodeDepth = 1000;

    /// <summary>Characters of a node's full path (real: 129).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>
    /// Bytes a compile may add to the tree beyond what the source spells out: paths put in for <c>&amp;label</c> in
    /// values and the generated <c>__symbols__</c>, <c>aliases</c>, <c>__fixups__</c> and <c>__local_fixups__</c>
    /// (real: 21,000).
    /// </summary>
    public const long MaxGeneratedBytes = 64L << 20;

    /// <summary>Nesting of parentheses, unary operators and <c>?:</c> in a DTS integer expression.</summary>
    public const int MaxExpressionDepth = 256;

    /// <summary>Diagnostics one compile keeps; past it, warnings are dropped and the next error stops the compile.</summary>
    public const int MaxDiagnostics = 1000;

    /// <summary>
    /// Characters of one source as the DTS compiler reads it: the preprocessor's output for a main file, and all the
    /// files one source pulls in with <c>/include/</c> (real: 383,000).
    /// </summary>
    public const int MaxSourceChars = 32 << 20;

    /// <summary>Characters of the DTS text written for one tree (<c>-O dts</c>; real: 233,000).</summary>
    public const int MaxDtsChars = 128 << 20;

    /// <summary>Tokens the preprocessor may produce by macro expansion for one main file (real: 126,000).</summary>
    public const long MaxExpandedTokens = 2_000_000;

    /// <summary>Characters of a token made by <c>#</c> or <c>##</c>.</summary>
    public const int MaxMadeTokenChars = 1 << 20;

    /// <summary>Macro invocations nested in the arguments of macro invocations (real: 2).</summary>
    public const int MaxMacroArgNesting = 200;

    /// <summary>Tokens of one <c>#if</c>, <c>#elif</c>, computed <c>#include</c> or <c>#line</c> after expansion (real: 10).</summary>
    public const int MaxDirectiveTokens = 65_536;

    /// <summary>Nesting of parentheses, unary operators and <c>?:</c> in an <c>#if</c> expression (real: 4).</summary>
    public const int MaxIfExpressionDepth = 256;
}
