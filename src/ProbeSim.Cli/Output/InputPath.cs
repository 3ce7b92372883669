namespace ProbeSim.Cli.Output;

/// <summary>The check of a file argument before it is read: missing, or a directory where a file is wanted.</summary>
public static class InputPath
{
    /// <summary>
    /// Null when <paramref name="path"/> can be opened as a file; otherwise the message (<c>x: No such file or directory</c>,
    /// <c>boards: is a directory, not a board file</c>). <paramref name="what"/> names what the argument should be.
    /// </summary>
    public static string? Problem(string path, string what)
    {
        var st = FileStatus.Of(path);
        if (st.Exists) return st.Kind == FileKind.Directory ? $"{path}: is a directory, not {what}" : null;
        return $"{path}: {st.ErrorText}";
    }
}
