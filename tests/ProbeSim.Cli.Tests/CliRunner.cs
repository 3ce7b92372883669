using ProbeSim.DeviceTree.Tests;

namespace ProbeSim.Cli.Tests;

/// <summary>Runs <c>probesim</c> in process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Err);

    public static Result Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.Run(args, o, e);
        return new Result(code, o.ToString(), e.ToString());
    }

    public static string Repo(params string[] parts) => Path.Combine(new[] { TestPaths.RepoRoot }.Concat(parts).ToArray());
}
