using System.Diagnostics;
using System.Globalization;
using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Worker;

namespace ProbeSim.Fuzz.Harness;

/// <summary>
/// The parent process: splits the positions over <c>--jobs</c> worker processes (worker w takes positions w, w + J, ...),
/// reads each worker's announcements, and when a worker dies (abort, stack overflow, signal, watchdog) records the input
/// it was on as a crash (or a hang or memory failure when the watchdog said so) and starts a new worker after it.
/// </summary>
public sealed class Supervisor
{
    private readonly HarnessOptions _o;
    private readonly RunSummary _summary;
    private readonly CaseFactory _factory;
    private readonly TextWriter _log;
    private long _done;
    private StreamWriter? _found;

    public Supervisor(HarnessOptions options, TextWriter log)
    {
        _o = options;
        _summary = new RunSummary(options);
        _factory = CaseFactory.Create();
        _log = log;
    }

    public RunSummary Run()
    {
        var sw = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), $"probesim-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (_o.Out is { } outDir)
        {
            // failures are appended as they are found, so that a run that is stopped keeps what it found
            Directory.CreateDirectory(outDir);
            _found = new StreamWriter(Path.Combine(outDir, "found.tsv"), append: false) { AutoFlush = true };
        }
        int jobs = (int)Math.Max(1, Math.Min(_o.Jobs, Math.Max(1, _o.Inputs)));
        var threads = Enumerable.Range(0, jobs).Select(w => new Thread(() => Slot(w, jobs, Path.Combine(root, "w" + w)), 64 << 20) { Name = "fuzz slot " + w }).ToList();
        threads.ForEach(t => t.Start());
        while (!threads.All(t => t.Join(TimeSpan.FromSeconds(10))))
            if (!_o.Quiet) _log.WriteLine($"probesim-fuzz: {Interlocked.Read(ref _done)}/{_o.Inputs} inputs, {_summary.FailureCount} failures, {sw.Elapsed.TotalSeconds:F0} s");
        _summary.Elapsed = sw.Elapsed;
        _found?.Dispose();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        return _summary;
    }

    private void Slot(int w, int stride, string dir)
    {
        long next = _o.Start + w, end = _o.Start + _o.Inputs;
        int fruitless = 0;
        while (next < end)
        {
            var r = RunWorker(next, stride, end, dir);
            if (r.Done) return;
            long? failedAt = r.CurrentPosition;
            if (r.CurrentId is { } id && !r.Reported)
            {
                var c = _factory.Create(_o.Seed, id);
                var why = r.Killed ? $"no answer after {_o.WallTimeout.TotalSeconds + 30:F0} s wall-clock; worker killed" : Crash(r.ExitCode, r.Other);
                var outcome = r.Killed ? Outcome.Hang : Outcome.Crash;
                var sig = Signatures.Of(outcome, Signatures.Command(c.Args), r.Killed ? "worker killed" : CrashKey(r.ExitCode, r.Other));
                Record(c, outcome, r.ExitCode, sig, why);
                Interlocked.Increment(ref _done);
            }
            long resumeAfter = failedAt ?? r.LastEnded ?? next - stride;
            if (failedAt is null && r.LastEnded is null)
            {
                // the worker died before it started any input: a broken harness, not a finding
                if (++fruitless >= 3) throw new InvalidOperationException($"worker exits at start with status {r.ExitCode}: {string.Join(" | ", r.Other.Take(5))}");
                continue;
            }
            fruitless = 0;
            next = resumeAfter + stride;
        }
    }

    private sealed class WorkerRun
    {
        public bool Done;
        public bool Reported;
        public bool Killed;
        public long? CurrentPosition;
        public long? CurrentId;
        public long? LastEnded;
        public int ExitCode;
        public readonly List<string> Other = new();
        public readonly Stopwatch SinceStart = new();
    }

    private WorkerRun RunWorker(long first, long stride, long end, string dir)
    {
        var r = new WorkerRun();
        var psi = WorkerStart(_o.WorkerArgs(first, stride, end, dir));
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start a worker");
        lock (_summary) _summary.WorkerStarts++;
        p.StandardInput.Close();
        var drain = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var killLimit = _o.WallTimeout + TimeSpan.FromSeconds(30);
        using var timer = new Timer(_ =>
        {
            lock (r)
            {
                if (r.CurrentId is null || r.SinceStart.Elapsed < killLimit || r.Killed) return;
                r.Killed = true;
            }
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }, null, 1000, 1000);
        string? line;
        while ((line = p.StandardError.ReadLine()) is not null)
        {
            if (!line.StartsWith(Protocol.Prefix, StringComparison.Ordinal))
            {
                if (r.Other.Count < 40 && line.Trim().Length > 0) r.Other.Add(line.Length > 400 ? line[..400] : line);
                continue;
            }
            var f = line[Protocol.Prefix.Length..].Split(' ');
            lock (r)
            {
                switch (f[0])
                {
                    case "start":
                        r.CurrentPosition = long.Parse(f[1], CultureInfo.InvariantCulture);
                        r.CurrentId = long.Parse(f[2], CultureInfo.InvariantCulture);
                        r.Reported = false;
                        r.SinceStart.Restart();
                        break;
                    case "end":
                    {
                        long id = long.Parse(f[2], CultureInfo.InvariantCulture);
                        var outcome = Outcomes.Parse(f[3]);
                        int exit = int.Parse(f[4], CultureInfo.InvariantCulture);
                        var kind = FuzzKinds.Of(id);
                        long ms = long.Parse(f[5], CultureInfo.InvariantCulture);
                        if (outcome == Outcome.Ok) _summary.Record(kind, outcome, null, ms, exit);
                        else Record(_factory.Create(_o.Seed, id), outcome, exit, Protocol.Un64(f[6]), Protocol.Un64(f[7]), ms);
                        Interlocked.Increment(ref _done);
                        r.LastEnded = long.Parse(f[1], CultureInfo.InvariantCulture);
                        r.CurrentPosition = null;
                        r.CurrentId = null;
                        break;
                    }
                    case "hang":
                    case "memory":
                    {
                        long id = long.Parse(f[1], CultureInfo.InvariantCulture);
                        var c = _factory.Create(_o.Seed, id);
                        var outcome = f[0] == "hang" ? Outcome.Hang : Outcome.Memory;
                        var detail = f[0] == "hang"
                            ? $"still running after {f[2]} ms of CPU time, {f[3]} ms wall-clock"
                            : $"resident set {f[2]} MiB";
                        Record(c, outcome, -1, Signatures.Of(outcome, Signatures.Command(c.Args), f[0] == "hang" ? "time limit" : "resident set above the limit"), detail);
                        Interlocked.Increment(ref _done);
                        r.Reported = true;
                        break;
                    }
                    case "done":
                        r.Done = true;
                        break;
                }
            }
        }
        p.WaitForExit();
        drain.Wait();
        r.ExitCode = p.ExitCode;
        return r;
    }

    private void Record(FuzzCase c, Outcome outcome, int exit, string signature, string detail, long ms = 0)
    {
        lock (_summary)
        {
            var line = string.Join('\t', c.Id, FuzzKinds.Name(c.Kind), Outcomes.Name(outcome), exit, signature, detail.ReplaceLineEndings(" "), c.CommandLine().ReplaceLineEndings(" "));
            _found?.WriteLine(line);
        }
        _summary.Record(c.Kind, outcome, new FailureRecord(c.Seed, c.Index, c.Kind, outcome, exit, signature, detail, c.CommandLine()), ms);
        // a long run shows each failure when it happens, with the input to replay, not only in the summary at the end
        lock (_log) _log.WriteLine($"probesim-fuzz: failure {c.Seed}:{c.Index} ({c.Kind}) {outcome}: {ProbeSim.Cli.OneLine.Of(detail)}");
    }

    /// <summary>How a worker died, in words: the status (signal) and the runtime's first line about it.</summary>
    private static string Crash(int exit, List<string> other)
    {
        var signal = exit > 128 ? $" (signal {exit - 128}{(exit == 134 ? ", SIGABRT" : exit == 137 ? ", SIGKILL" : exit == 139 ? ", SIGSEGV" : "")})" : "";
        return $"worker died with status {exit}{signal}: {string.Join(" | ", other.Take(3))}";
    }

    private static string CrashKey(int exit, List<string> other) =>
        other.FirstOrDefault(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)) is { } first ? first : $"status {exit}";

    /// <summary>This same program in worker mode, with the GC heap limited to the memory limit.</summary>
    private ProcessStartInfo WorkerStart(List<string> args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo { FileName = self, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(Supervisor).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + (_o.MemoryMb * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        psi.Environment["DOTNET_EnableCrashReport"] = "0";
        psi.Environment.Remove("CI");
        return psi;
    }
}
