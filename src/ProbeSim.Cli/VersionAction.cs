using System.CommandLine;
using System.CommandLine.Invocation;

namespace ProbeSim.Cli;

/// <summary>
/// <c>probesim --version</c>: <c>probesim 0.1.0</c>, the package version; when an informational version different from it
/// was set at build time (<c>-p:InformationalVersion=...</c>), it follows in parentheses.
/// </summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Text(string version, string informational) =>
        "probesim " + version + (informational.Length == 0 || informational == version ? "" : " (" + informational + ")");

    public static string Current => Text(BuildInfo.Version, BuildInfo.InformationalVersion);

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Current);
        return ExitCodes.Ok;
    }
}
