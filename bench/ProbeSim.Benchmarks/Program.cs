using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ProbeSim.Benchmarks;

public static class Program
{
    // BenchmarkDotNet builds a fresh copy of this project per run; on the shared 2-core machine, with other builds
    // running, that build took longer than the default 120 s and the run failed, so the limit is raised.
    private static readonly IConfig Config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config);
}
