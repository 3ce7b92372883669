using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Worker;

namespace ProbeSim.Fuzz.Harness;

/// <summary><c>--replay S:I</c> and <c>--show S:I</c>: one input, printed (and run in this process).</summary>
public static class Replayer
{
    public static int Show(HarnessOptions o, TextWriter w)
    {
        var (seed, index) = o.Replay!.Value;
        var factory = CaseFactory.Create();
        for (long i = index; i <= Math.Max(index, o.ShowLast); i++) Describe(factory.Create(seed, i), w);
        return 0;
    }

    public static void Describe(FuzzCase c, TextWriter w)
    {
        w.WriteLine($"input {c.Id}: {FuzzKinds.Name(c.Kind)}, digest {c.Digest()}");
        foreach (var n in c.Notes) w.WriteLine("  " + n);
        w.WriteLine(c.CommandLine());
        foreach (var f in c.Files)
        {
            var what = f.LinkTo is { } t ? $"{(f.HardLink ? "hard link" : "link")} to {t}" : f.Content is { } b ? $"{b.Length} bytes" : "directory";
            w.WriteLine($"  {f.Path}: {what}{(c.Inputs.Contains(f.Path) ? " (read by the run)" : "")}");
        }
        if (c.Stdin.Length > 0) w.WriteLine($"  standard input: {c.Stdin.Length} characters");
    }

    public static int Run(HarnessOptions o, TextWriter w)
    {
        var (seed, index) = o.Replay!.Value;
        var c = CaseFactory.Create().Create(seed, index);
        var dir = Path.GetFullPath(o.Out ?? Path.Combine(Path.GetTempPath(), $"probesim-fuzz-replay-{seed}-{index}"));
        Describe(c, w);
        w.WriteLine($"files written to {dir}");
        w.Flush();
        var report = (string line) => { w.WriteLine(line.Replace(Protocol.Prefix, "probesim-fuzz: ")); w.Flush(); };
        var watchdog = new Watchdog(o.Timeout, o.WallTimeout, o.MemoryMb, report);
        var runner = new CaseRunner(dir, FakeTarget.Create(o.Target));
        watchdog.Arm(c.Index);
        var v = runner.Run(c);
        watchdog.Disarm();
        w.WriteLine($"exit status {v.ExitCode}, {v.ElapsedMs} ms");
        w.WriteLine("--- standard output" + (runner.LastStdout.Length >= 4096 ? " (first 4096 characters)" : ""));
        w.Write(runner.LastStdout.Length > 4096 ? runner.LastStdout[..4096] + "\n" : runner.LastStdout);
        w.WriteLine("--- standard error");
        w.Write(runner.LastStderr);
        w.WriteLine("---");
        w.WriteLine(v.Failed ? $"FAILED: {v.Signature}\n  {v.Detail}" : "ok: a clean end");
        // the files stay for inspection; the command can be rerun there with the real probesim
        Repro.WriteCase(dir, c, v.Failed ? v.Signature : "ok");
        return v.Failed ? 1 : 0;
    }
}
