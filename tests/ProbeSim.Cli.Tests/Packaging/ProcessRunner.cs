using System.Diagnostics;

namespace ProbeSim.Cli.Tests.Packaging;

/// <summary>Runs an external program with a clean .NET CLI environment and a time limit, and captures what it prints.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    // set by an outer dotnet test/MSBuild run; a nested dotnet pack must find its own
    private static readonly string[] Inherited = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG"];

    public static Result Run(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? env = null, int timeoutSeconds = 300)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var k in Inherited) psi.Environment.Remove(k);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The dotnet executable running the tests (DOTNET_HOST_PATH when the SDK set it, else dotnet on PATH), symlinks resolved.</summary>
    public static string Dotnet()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host)) host = OnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(host);
    }

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
