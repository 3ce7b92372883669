namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>What the macro expander needs from the run that drives it.</summary>
internal interface IExpansionHost
{
    /// <summary>
    /// The tokens of the next logical line, for a macro invocation that continues past the end of a line.
    /// When <paramref name="collectingArgs"/> is false (looking for the '(' after a function-like macro name),
    /// a directive line ends the search without being consumed; otherwise directives are processed on the way.
    /// </summary>
    bool TryPullLine(bool collectingArgs, out PpToken[] tokens, out int lineIndex);

    /// <summary>The value of __FILE__, __LINE__, __COUNTER__ or __INCLUDE_LEVEL__ at the current position.</summary>
    PpToken BuiltinToken(PpBuiltinMacro kind, in PpToken at, int currentLine);

    bool AssemblerMode { get; }
    PpSymbolTable Symbols { get; }
}
