namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>One open #if/#ifdef/#ifndef group of a file.</summary>
internal sealed class PpConditional
{
    /// <summary>The group encloses this one is being skipped.</summary>
    public bool ParentSkipping;
    /// <summary>The current branch is being skipped.</summary>
    public bool Skipping;
    /// <summary>A branch has been taken already (so later #elif/#else are skipped).</summary>
    public bool Taken;
    public bool SawElse;
    /// <summary>Position of the directive name that opened the group (for "unterminated #if").</summary>
    public int Line, Column;
    public string Directive = "if";
}
