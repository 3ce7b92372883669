namespace ProbeSim.Cli.Output;

/// <summary>
/// An output ProbeSim refuses or cannot write. The message names the option and the path as the user gave them
/// (<c>--json out/x.json: the directory out does not exist</c>); commands report it as an I/O error (exit 1).
/// </summary>
public sealed class OutputException(string option, string path, string problem) : IOException($"{option} {path}: {problem}")
{
    public string Option { get; } = option;
    public string Path { get; } = path;
}
