using System.CommandLine;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim kernel ...</c>: kernels as ProbeSim knows them (import from source and package).</summary>
public static class KernelCommand
{
    public static Command Create(CliIo io)
    {
        var cmd = new Command("kernel", "Import a kernel's drivers from its source and package, and inspect a driver set");
        cmd.Subcommands.Add(KernelImportCommand.Create(io));
        cmd.Subcommands.Add(KernelDriverCommand.Create(io, ProbeSim.Kernel.Drivers.Imported.DriverSetFiles.TryRead));
        cmd.Subcommands.Add(KernelCoverageCommand.Create(io, ProbeSim.Kernel.Drivers.Imported.DriverSetFiles.TryRead));
        return cmd;
    }
}
