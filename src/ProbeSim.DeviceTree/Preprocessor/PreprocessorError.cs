namespace ProbeSim.DeviceTree.Preprocessor;

/// <summary>
/// An error at a physical line and column of the file being processed; the run turns it into a
/// <see cref="Model.DeviceTreeException"/> naming that file (and honouring #line).
/// </summary>
internal sealed class PreprocessorError : Exception
{
    public int Line { get; }
    public int Column { get; }

    public PreprocessorError(string message, int line, int column) : base(message)
    {
        Line = line; Column = column;
    }

    public PreprocessorError(string message, in PpToken at) : this(message, at.Line, at.Column) { }
}
