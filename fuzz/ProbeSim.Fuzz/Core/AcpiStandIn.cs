using ProbeSim.Acpi.Machine;
using ProbeSim.Acpi.Tables;

namespace ProbeSim.Fuzz.Core;

/// <summary>
/// A quarter of the ACPI inputs run through this stand-in rather than <c>probesim boot --arch x86_64</c>, which reads only
/// what the boot needs: <c>acpi-load DIR</c> loads the machine directory with <see cref="AcpiMachine.Load"/>, prints
/// everything the parse gives (so every derived property runs), its warnings as <c>FILE: warning: ...</c> lines, and
/// reports errors the way the CLI reports a malformed blob (status 2) or a missing input (status 1).
/// </summary>
public static class AcpiStandIn
{
    public const string Command = "acpi-load";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 2 || args[0] != Command)
        {
            stderr.WriteLine($"probesim: {Command} takes one machine directory");
            return 1;
        }
        try
        {
            var m = AcpiMachine.Load(args[1]);
            AcpiSummary.Write(m, stdout, stderr);
            return 0;
        }
        catch (AcpiTableException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
        catch (AcpiMachineException e)
        {
            stderr.WriteLine("probesim: " + e.Message);
            return 1;
        }
    }
}
