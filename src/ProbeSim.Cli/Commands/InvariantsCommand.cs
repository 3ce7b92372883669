using System.CommandLine;
using ProbeSim.Checking.Invariants;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim invariants</c>: the invariants <c>check</c> verifies, with the spec rule each protects.</summary>
public static class InvariantsCommand
{
    public static Command Create(CliIo io)
    {
        var cmd = new Command("invariants", "List the invariants probesim check verifies: name, severity, description, the spec rule it protects");
        cmd.SetAction(_ =>
        {
            foreach (var i in InvariantTable.All)
            {
                io.Out.WriteLine($"{i.Name} [{(i.Severity == Severity.Error ? "error" : "warning")}]{(i.AcrossSchedules ? " (compares schedules)" : "")}");
                io.Out.WriteLine($"  {i.Description}");
                io.Out.WriteLine($"  protects: {i.SpecRule}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
