using System.Runtime.InteropServices;

namespace ProbeSim.Fuzz.Core;

/// <summary>What the harness runs each input through: the real CLI, or a fake that fails on purpose (tests of the harness).</summary>
public interface IFuzzTarget
{
    int Run(FuzzCase c, string[] args, TextWriter stdout, TextWriter stderr);
}

/// <summary>
/// The CLI's own entry point, exactly as <c>probesim</c> calls it; <c>acpi-load</c> inputs go to <see cref="AcpiStandIn"/>,
/// which prints every record the ACPI front end parses.
/// </summary>
public sealed class CliTarget : IFuzzTarget
{
    public int Run(FuzzCase c, string[] args, TextWriter stdout, TextWriter stderr) =>
        args.Length > 0 && args[0] == AcpiStandIn.Command ? AcpiStandIn.Run(args, stdout, stderr) : ProbeSim.Cli.Program.Run(args, stdout, stderr);
}

/// <summary>
/// Test-only targets (<c>--target fake-NAME</c>): every input whose index is 2 modulo 5 fails in one way (throws, hangs,
/// aborts, overflows the stack, allocates without bound, prints a message over two lines, ...); the others succeed.
/// </summary>
public sealed class FakeTarget : IFuzzTarget
{
    public static readonly IReadOnlyList<string> Names =
    [
        "fake-ok", "fake-throw", "fake-internal", "fake-hang", "fake-block", "fake-abort", "fake-stackoverflow",
        "fake-alloc", "fake-rss", "fake-multiline", "fake-exit", "fake-overwrite", "fake-silent",
    ];

    private readonly string _mode;

    public FakeTarget(string mode)
    {
        if (!Names.Contains(mode)) throw new ArgumentException($"unknown target '{mode}' (expected cli or one of: {string.Join(", ", Names)})");
        _mode = mode;
    }

    public static bool Fails(long index) => index % 5 == 2;

    public int Run(FuzzCase c, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!Fails(c.Index) || _mode == "fake-ok") return 0;
        switch (_mode)
        {
            case "fake-throw":
                throw new InvalidOperationException("fake target threw");
            case "fake-internal":
                stderr.WriteLine("probesim: internal error: InvalidOperationException: fake");
                return 70;
            case "fake-hang":
                for (ulong x = 1; x != 0; x = x * 6364136223846793005UL + 1442695040888963407UL) { }
                return 0;
            case "fake-block":
                Thread.Sleep(Timeout.Infinite);
                return 0;
            case "fake-abort":
                Environment.FailFast("fake target aborts");
                return 0;
            case "fake-stackoverflow":
                return Recurse(0);
            case "fake-alloc":
                var hold = new List<byte[]>();
                while (true) hold.Add(new byte[64 << 20]);
            case "fake-rss":
                while (true)
                {
                    var p = Marshal.AllocHGlobal(64 << 20);
                    for (int i = 0; i < 64 << 20; i += 4096) Marshal.WriteByte(p, i, 1);
                }
            case "fake-multiline":
                stderr.WriteLine("probesim: a message");
                stderr.WriteLine("  that goes on over a second line");
                return 2;
            case "fake-exit":
                return 42;
            case "fake-overwrite":
                var input = c.Inputs.FirstOrDefault();
                if (input is not null) File.WriteAllText(input, "overwritten");
                return 0;
            case "fake-silent":
                return 2;
            default:
                return 0;
        }
    }

    private static int Recurse(int depth)
    {
        Span<byte> frame = stackalloc byte[1024];
        frame[depth % 1024] = 1;
        return Recurse(depth + 1) + frame[0];
    }

    public static IFuzzTarget Create(string name) => name == "cli" ? new CliTarget() : new FakeTarget(name);
}
