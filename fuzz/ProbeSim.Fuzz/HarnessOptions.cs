using System.Globalization;
using ProbeSim.Fuzz.Core;

namespace ProbeSim.Fuzz;

/// <summary>The harness's command line (docs/fuzzing.md).</summary>
public sealed class HarnessOptions
{
    public string Mode { get; private set; } = "run";
    public long Inputs { get; private set; } = 1000;
    public long Seed { get; private set; } = 1;
    public int Jobs { get; private set; } = Environment.ProcessorCount;
    public IReadOnlyList<FuzzKind> Kinds { get; private set; } = FuzzKinds.All;
    public string? Out { get; private set; }
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(5);
    public TimeSpan WallTimeout { get; private set; } = TimeSpan.FromSeconds(30);
    public long MemoryMb { get; private set; } = 1024;
    public string Target { get; private set; } = "cli";
    public long Start { get; private set; }
    public (long Seed, long Index)? Replay { get; private set; }

    /// <summary>With <c>--show S:I..J</c>: the last index shown.</summary>
    public long ShowLast { get; private set; }
    public bool Quiet { get; private set; }

    // worker mode: positions First, First + Stride, ... below End, in directory Dir
    public long First { get; private set; }
    public long Stride { get; private set; } = 1;
    public long End { get; private set; }
    public string? Dir { get; private set; }

    public const string Usage = """
        usage: ProbeSim.Fuzz [--inputs N] [--seed S] [--jobs J] [--kinds dts,dtb,scenario,pci,sysfs,argv,acpi] [--out DIR]
                             [--timeout SECONDS] [--wall-timeout SECONDS] [--memory MIB] [--start POSITION] [--quiet]
               ProbeSim.Fuzz --replay S:I [--out DIR]      rerun input I of seed S in process and print it
               ProbeSim.Fuzz --show S:I[..J]               print inputs I..J of seed S (files, arguments, digest) without running them
        """;

    public static HarnessOptions Parse(string[] args)
    {
        var o = new HarnessOptions();
        int i = 0;
        if (args.Length > 0 && args[0] == "worker") { o.Mode = "worker"; i = 1; }
        for (; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            long Long(string name, long min)
            {
                var v = Next();
                if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min)
                    throw new ArgumentException($"{name} takes a whole number of at least {min}, not '{v}'");
                return n;
            }
            TimeSpan Seconds(string name)
            {
                var v = Next();
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || !(s > 0) || s > 86400)
                    throw new ArgumentException($"{name} takes a number of seconds above 0, not '{v}'");
                return TimeSpan.FromSeconds(s);
            }
            switch (args[i])
            {
                case "--inputs": o.Inputs = Long("--inputs", 0); break;
                case "--seed": o.Seed = Long("--seed", long.MinValue); break;
                case "--jobs": o.Jobs = (int)Math.Min(Long("--jobs", 1), 64); break;
                case "--kinds": o.Kinds = FuzzKinds.Parse(Next()); break;
                case "--out": o.Out = Next(); break;
                case "--timeout": o.Timeout = Seconds("--timeout"); break;
                case "--wall-timeout": o.WallTimeout = Seconds("--wall-timeout"); break;
                case "--memory": o.MemoryMb = Long("--memory", 64); break;
                case "--target": o.Target = Next(); break;
                case "--start": o.Start = Long("--start", 0); break;
                case "--quiet": o.Quiet = true; break;
                case "--replay": o.Mode = "replay"; o.Replay = ParseId(Next()); break;
                case "--show":
                    o.Mode = "show";
                    var spec = Next();
                    var range = spec.Split("..");
                    o.Replay = ParseId(range[0]);
                    o.ShowLast = range.Length == 2 && long.TryParse(range[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last) ? last : o.Replay.Value.Index;
                    break;
                case "--positions":
                    var p = Next().Split(':');
                    if (p.Length != 3) throw new ArgumentException("--positions takes FIRST:STRIDE:END");
                    (o.First, o.Stride, o.End) = (long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture));
                    break;
                case "--dir": o.Dir = Next(); break;
                case "-h": case "--help": o.Mode = "help"; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (o.Target != "cli") FakeTarget.Create(o.Target);
        return o;
    }

    private static (long, long) ParseId(string s)
    {
        var parts = s.Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0)
            return (seed, index);
        throw new ArgumentException($"an input is named SEED:INDEX (as the failure list prints it), not '{s}'");
    }

    /// <summary>The arguments of a worker that runs positions <paramref name="first"/>, +stride, ... below <paramref name="end"/>.</summary>
    public List<string> WorkerArgs(long first, long stride, long end, string dir) =>
    [
        "worker", "--seed", Seed.ToString(CultureInfo.InvariantCulture), "--kinds", string.Join(',', Kinds.Select(FuzzKinds.Name)),
        "--positions", $"{first}:{stride}:{end}", "--dir", dir, "--target", Target,
        "--timeout", Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "--wall-timeout", WallTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--memory", MemoryMb.ToString(CultureInfo.InvariantCulture),
    ];
}
