namespace ProbeSim.Fuzz.Core;

/// <summary>One entry of an input's directory: a file with content, a directory, or a link to another entry.</summary>
/// <param name="Path">Relative to the input's directory, '/'-separated, never absolute and never with "..".</param>
/// <param name="Content">The file's bytes (null for a directory or a link).</param>
/// <param name="LinkTo">For a link: the entry it points to (relative to the input's directory).</param>
/// <param name="HardLink">A hard link to <paramref name="LinkTo"/> instead of a symbolic one.</param>
public sealed record CaseFile(string Path, byte[]? Content = null, string? LinkTo = null, bool HardLink = false)
{
    public bool IsDirectory => Content is null && LinkTo is null;
}
