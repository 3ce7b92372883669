namespace ProbeSim.Kernel.Drivers.Imported;

/// <summary>Where in a kernel source tree a fact was read: a path relative to the tree's top and a 1-based line.</summary>
public readonly record struct SourceLine(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
