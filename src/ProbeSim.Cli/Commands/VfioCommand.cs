using System.CommandLine;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim vfio ...</c>: handing devices to user space through VFIO.</summary>
public static class VfioCommand
{
    public static Command Create(CliIo io)
    {
        var cmd = new Command("vfio", "Hand devices to user space through VFIO");
        cmd.Subcommands.Add(VfioPlanCommand.Create(io));
        return cmd;
    }
}
