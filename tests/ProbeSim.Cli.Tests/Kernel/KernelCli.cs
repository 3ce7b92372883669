using System.CommandLine;
using ProbeSim.Cli.Commands;
using ProbeSim.Cli.Parsing;
using ProbeSim.Kernel.Drivers;
using ProbeSim.Kernel.Drivers.Imported;

namespace ProbeSim.Cli.Tests.KernelDrivers;

/// <summary>
/// Runs <c>probesim kernel driver|coverage</c> in process with a fake driver-set reader, in a root of its own (the
/// commands are not in Program's tree yet), parsing as <see cref="Program.Run"/> does.
/// </summary>
public static class KernelCli
{
    public static CliRunner.Result Run(Func<string, ImportedKernel?> read, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var io = new CliIo(o, e);
        var kernel = new Command("kernel", "Imported kernels");
        kernel.Subcommands.Add(KernelDriverCommand.Create(io, read));
        kernel.Subcommands.Add(KernelCoverageCommand.Create(io, read));
        var root = new RootCommand("test") { kernel };
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (ParseErrorReport.Find(parsed, args) is { } problem) return new(ParseErrorReport.Write(e, parsed, problem), o.ToString(), e.ToString());
        var code = parsed.Invoke(new InvocationConfiguration { Output = o, Error = e, EnableDefaultExceptionHandler = false });
        return new(code, o.ToString(), e.ToString());
    }

    /// <summary>A driver set's tables (empty, as KernelTableDirectory requires them) in a fresh directory, removed on dispose.</summary>
    public sealed class DriverSetDirectory : IDisposable
    {
        public DriverSetDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "probesim-kcmds-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
            foreach (var f in KernelTableDirectory.RequiredFiles) File.WriteAllText(System.IO.Path.Combine(Path, f), "");
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A small import: one platform driver with a plan, and an early init.</summary>
    public static ImportedKernel Sample() => new()
    {
        Manifest = new ImportManifest
        {
            FormatVersion = 1, KernelVersion = "6.1.192", Release = "6.1.0-56-arm64", Arch = "arm64",
            Command = "probesim kernel import", Generator = "test",
        },
        Drivers =
        [
            new ImportedDriver
            {
                Id = "drivers/x.c:foo_driver", Name = "foo", Bus = ImportedBus.Platform, Status = BuildStatus.BuiltIn,
                Initcall = InitcallLevel.Device, ProbeFunction = "foo_probe", Source = new("drivers/x.c", 200),
            },
        ],
        Matches = [new("drivers/x.c:foo_driver", MatchKind.Of, "vendor,foo", 0, new("drivers/x.c", 180))],
        Plans =
        [
            new ProbePlan("drivers/x.c:foo_driver",
            [
                new PlanStep
                {
                    Kind = PlanStepKind.Request, Resource = PlanResource.Clock, Lookup = PlanLookup.Name, Name = "ahb", Policy = PlanPolicy.Required,
                    Message = new PlanMessage(PlanMessageKind.DevErrProbe, "failed to get ahb clock"), Function = "foo_probe", Source = new("drivers/x.c", 123),
                },
            ], Complete: true),
        ],
        EarlyInits =
        [
            new ImportedEarlyInit
            {
                Table = EarlyTable.Clk, Compatible = "vendor,foo", InitFunction = "foo_clk_init", Status = BuildStatus.BuiltIn,
                Provides = [EarlyProvides.Clock], Source = new("drivers/x.c", 20),
            },
        ],
        Unknowns = [new ImportedUnknown("drivers/x.c:foo_driver", "initcall", "a macro", null) { Cause = UnknownCause.InitcallUnreached }],
    };
}
