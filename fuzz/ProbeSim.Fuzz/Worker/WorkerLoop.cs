using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz.Worker;

/// <summary>
/// A worker process: runs the inputs at positions <c>first, first + stride, ...</c> below <c>end</c> one after another in
/// process, announcing each before it starts and its verdict when it ends. After an out-of-memory failure (or a peak
/// resident set above the limit) it stops, so that the next worker starts with a fresh heap.
/// </summary>
public static class WorkerLoop
{
    public static int Run(HarnessOptions o)
    {
        var protocol = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
        var report = (string line) => { lock (protocol) protocol.WriteLine(line); };
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        var factory = CaseFactory.Create();
        var runner = new CaseRunner(o.Dir ?? Path.Combine(Path.GetTempPath(), $"probesim-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}"), FakeTarget.Create(o.Target));
        var watchdog = new Watchdog(o.Timeout, o.WallTimeout, o.MemoryMb, report);
        try
        {
            for (long p = o.First; p < o.End; p += o.Stride)
            {
                long id = FuzzKinds.IndexAt(p, o.Kinds);
                report(Protocol.Start(p, id));
                watchdog.Arm(id);
                var c = factory.Create(o.Seed, id);
                var v = runner.Run(c);
                watchdog.Disarm();
                if (v.Outcome == Outcome.Ok && ProcStatus.PeakRssMb() is var peak && peak > o.MemoryMb)
                    v = new RunVerdict(Outcome.Memory, v.ExitCode, v.ElapsedMs, Signatures.Of(Outcome.Memory, Signatures.Command(c.Args), "peak resident set above the limit"), $"peak resident set {peak} MiB");
                report(Protocol.End(p, id, v));
                if (v.Outcome == Outcome.Memory) return Watchdog.MemoryExitCode;
            }
            report(Protocol.Done);
            return 0;
        }
        finally
        {
            try { CaseWriter.Clear(runner.Directory); Directory.SetCurrentDirectory(Path.GetTempPath()); Directory.Delete(runner.Directory); } catch (IOException) { }
        }
    }
}
