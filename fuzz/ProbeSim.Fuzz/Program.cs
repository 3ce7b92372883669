using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Harness;
using ProbeSim.Fuzz.Worker;

namespace ProbeSim.Fuzz;

/// <summary>
/// The fuzzing harness (docs/fuzzing.md). Without a mode it runs <c>--inputs N</c> inputs of seed <c>--seed S</c> over
/// <c>--jobs J</c> worker processes and prints what failed; exit 0 when nothing did, 1 when something did, 2 on a usage error.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        HarnessOptions o;
        try
        {
            o = HarnessOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("probesim-fuzz: " + e.Message);
            Console.Error.WriteLine(HarnessOptions.Usage);
            return 2;
        }
        switch (o.Mode)
        {
            case "help":
                Console.WriteLine(HarnessOptions.Usage);
                return 0;
            case "worker":
                return WorkerLoop.Run(o);
            case "show":
                return Replayer.Show(o, Console.Out);
            case "replay":
                return Replayer.Run(o, Console.Out);
        }
        var summary = new Supervisor(o, Console.Error).Run();
        Console.Write(summary.Text());
        if (o.Out is { } outDir)
        {
            Repro.Write(outDir, summary, CaseFactory.Create());
            Console.WriteLine($"probesim-fuzz: summary and one reproduction per failure group in {Path.GetFullPath(outDir)}");
        }
        return summary.FailureCount == 0 ? 0 : 1;
    }
}
