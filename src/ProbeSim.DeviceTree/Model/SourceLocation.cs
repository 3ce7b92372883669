namespace ProbeSim.DeviceTree.Model;

/// <summary>A position in an original source file (after line markers are applied): 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
