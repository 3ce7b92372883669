namespace ProbeSim.DeviceTree.Source;

/// <summary>One file being lexed: its text, the read position and the position the line markers say we are at.</summary>
internal sealed class DtsInput
{
    public DtsInput(string text, string physicalPath, string displayName)
        : this(text.AsMemory(), physicalPath, displayName)
    {
    }

    /// <param name="text">The text; it may live in a pooled buffer that the caller keeps alive until the compile ends.</param>
    public DtsInput(ReadOnlyMemory<char> text, string physicalPath, string displayName)
    {
        Text = text;
        PhysicalPath = physicalPath;
        Directory = System.IO.Path.GetDirectoryName(physicalPath) ?? ".";
        FileName = displayName;
    }

    public ReadOnlyMemory<char> Text { get; }

    /// <summary>Where the file really is (for <c>/include/</c> lookups relative to it).</summary>
    public string PhysicalPath { get; }

    public string Directory { get; }

    /// <summary>The file name positions are reported in (changed by line markers).</summary>
    public string FileName { get; set; }

    public int Pos;

    /// <summary>The 1-based line number of the line holding <see cref="LineStart"/>.</summary>
    public int Line = 1;

    public int LineStart;
}
