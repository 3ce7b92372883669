using System.Diagnostics;

namespace ProbeSim.Fuzz.Worker;

/// <summary>
/// Watches the input being run from a thread of its own: more than the time limit of CPU time (or, for an input that
/// blocks, of wall-clock time), or a resident set above the memory limit, and it reports the input and ends the process
/// (the parent starts a new worker after it). CPU time rather than wall-clock time, so that a busy machine does not turn
/// a slow input into a hang.
/// </summary>
public sealed class Watchdog
{
    public const int HangExitCode = 90;
    public const int MemoryExitCode = 91;

    private readonly TimeSpan _cpuLimit;
    private readonly TimeSpan _wallLimit;
    private readonly long _memoryLimitMb;
    private readonly Action<string> _report;
    private readonly object _lock = new();
    private long _id = -1;
    private TimeSpan _cpuAtStart;
    private readonly Stopwatch _wall = new();

    public Watchdog(TimeSpan cpuLimit, TimeSpan wallLimit, long memoryLimitMb, Action<string> report)
    {
        _cpuLimit = cpuLimit;
        _wallLimit = wallLimit;
        _memoryLimitMb = memoryLimitMb;
        _report = report;
        var t = new Thread(Loop) { IsBackground = true, Name = "fuzz watchdog", Priority = ThreadPriority.AboveNormal };
        t.Start();
    }

    public void Arm(long id)
    {
        lock (_lock)
        {
            _id = id;
            _cpuAtStart = Environment.CpuUsage.TotalTime;
            _wall.Restart();
        }
    }

    public void Disarm()
    {
        lock (_lock) _id = -1;
    }

    private void Loop()
    {
        while (true)
        {
            Thread.Sleep(50);
            lock (_lock)
            {
                if (_id < 0) continue;
                if (ProcStatus.RssMb() is var rss && rss > _memoryLimitMb)
                {
                    _report(Protocol.Memory(_id, rss));
                    Environment.Exit(MemoryExitCode);
                }
                var cpu = Environment.CpuUsage.TotalTime - _cpuAtStart;
                if (cpu > _cpuLimit || _wall.Elapsed > _wallLimit)
                {
                    _report(Protocol.Hang(_id, (long)cpu.TotalMilliseconds, _wall.ElapsedMilliseconds));
                    Environment.Exit(HangExitCode);
                }
            }
        }
    }
}
