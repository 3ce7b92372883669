namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>A file being read by a run: where we are in it, its presumed name and line offset (#line), its open conditionals.</summary>
internal sealed class FileState
{
    public required ScannedFile File { get; init; }
    /// <summary>The name cpp prints for the file (changed by #line).</summary>
    public required string Name { get; set; }
    /// <summary>The directory searched first for <c>#include "x"</c>.</summary>
    public required string Dir { get; init; }
    /// <summary>1 for the main file.</summary>
    public required int Depth { get; init; }
    public int NextLine;
    /// <summary>Presumed line = physical line + delta (#line).</summary>
    public int LineDelta;
    public readonly List<PpConditional> Conditionals = new();

    public bool Skipping => Conditionals.Count > 0 && Conditionals[^1].Skipping;

    public int Presumed(int physLine) => physLine + LineDelta;
}
