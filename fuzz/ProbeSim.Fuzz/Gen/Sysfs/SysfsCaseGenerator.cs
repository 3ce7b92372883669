using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Sysfs;

/// <summary>
/// PCI sysfs dumps (directories of <c>config</c> files, src/ProbeSim.Kernel/Pci/PciSysfsDump.cs) given to <c>--pci DIR</c>:
/// a real machine's dump with files cut, edited, removed, renamed and moved, or a generated hierarchy of ports, bridges
/// and endpoints with consistent or wrong bus numbers and damaged configuration spaces.
/// </summary>
public sealed class SysfsCaseGenerator : ICaseGenerator
{
    private readonly SeedCorpus _seeds;

    public SysfsCaseGenerator(SeedCorpus seeds) => _seeds = seeds;

    public void Fill(Rng rng, FuzzCase c)
    {
        // one in three gentle: the real dump as it is, or a generated hierarchy without damage, so the PCI model runs
        bool gentle = rng.OneIn(3);
        if (gentle) c.Notes.Add("gentle");
        var files = rng.OneIn(2) ? (gentle ? _seeds.SysfsDump.Select(s => (s.Name, (byte[]?)s.Bytes)).ToList() : FromSeed(rng, c.Notes)) : Generate(rng, c.Notes, gentle);
        foreach (var (path, bytes) in files)
        {
            if (bytes is null) c.AddDirectory("dump/" + path);
            else c.Add("dump/" + path, bytes);
        }
        if (rng.OneIn(12)) AddOddEntries(rng, c);
        if (!c.Has("dump") && files.Count == 0) c.AddDirectory("dump");
        var dir = rng.Pick(new[] { "dump", "dump", "dump", "dump/sys", "dump/sys/devices", "dump/sys/devices/platform" });
        switch (rng.Next(10))
        {
            case < 4:
                c.Args.AddRange(["boot", "--pci", dir, .. CaseParts.BootViews(rng)]);
                break;
            case < 7:
                c.Add("pciboard.dts", _seeds.PciBoard.Bytes);
                c.Args.AddRange(["boot", "pciboard.dts", "--pci", dir, rng.Pick(new[] { "--sysfs", "--tree", "--json" })]);
                if (c.Args[^1] == "--json") c.Args.Add(rng.OneIn(2) ? "-" : "out.json");
                break;
            case < 9:
                c.Add("pciboard.dts", _seeds.PciBoard.Bytes);
                c.Args.AddRange(["explain", "pciboard.dts", rng.Pick(new[] { "0000:00:01.0", "0000:01:00.0", "0000:03:00.1", "0000:0b:00.0", "4010000000.pcie" }), "--pci", dir]);
                break;
            default:
                c.Args.AddRange(["check", "--pci", dir, "--budget", rng.Range(1, 2).ToString()]);
                break;
        }
    }

    /// <summary>The seed dump with a few edits. Null bytes = a directory.</summary>
    private List<(string Path, byte[]? Bytes)> FromSeed(Rng rng, List<string> notes)
    {
        notes.Add("seed: the pci-groups dump");
        var files = _seeds.SysfsDump.Select(s => (Path: s.Name, Bytes: (byte[]?)s.Bytes.ToArray())).ToList();
        for (int n = rng.Geometric(5); n > 0; n--)
        {
            var withBytes = Enumerable.Range(0, files.Count).Where(k => files[k].Bytes is not null).ToList();
            if (withBytes.Count == 0) break;
            int i = rng.Pick(withBytes);
            var (path, bytes) = files[i];
            var fn = path[..path.LastIndexOf('/')];
            switch (rng.Next(9))
            {
                case 0:
                case 1:
                case 2:
                    var b = new byte[Math.Max(4096, bytes!.Length)];
                    bytes.CopyTo(b, 0);
                    ConfigSpace.Break(rng, b, notes, out int len, bytes.Length);
                    files[i] = (path, b[..len]);
                    notes.Add($"{path}: {len} bytes");
                    break;
                case 3:
                    files.RemoveAt(i);
                    files.Add((fn, null));
                    notes.Add($"{path} removed");
                    break;
                case 4:
                    var renamed = Rename(rng, fn);
                    files = files.Select(f => f.Path.StartsWith(fn + "/", StringComparison.Ordinal) ? (renamed + f.Path[fn.Length..], f.Bytes) : f).ToList();
                    notes.Add($"{fn} renamed {renamed}");
                    break;
                case 5:
                    // a function moved below an endpoint (or any other function)
                    var other = files[rng.Pick(withBytes)].Path;
                    var target = other[..other.LastIndexOf('/')] + "/" + fn[(fn.LastIndexOf('/') + 1)..];
                    files.Add((target + "/config", bytes));
                    notes.Add($"{fn} copied below {other}");
                    break;
                case 6:
                    // a second host bridge directory
                    var host = path[..(path.IndexOf("/pci0000:00", StringComparison.Ordinal) + 1)] + rng.Pick(new[] { "pci0000:01", "pci0001:00", "pcizzzz:00", "pci0000:00x" });
                    files.Add((host + "/0000:01:00.0/config", bytes));
                    notes.Add($"another host directory {host}");
                    break;
                case 7:
                    // config space as zeros, ones or random bytes
                    var fill = rng.Next(3) switch { 0 => new byte[bytes!.Length], 1 => Enumerable.Repeat((byte)0xff, bytes!.Length).ToArray(), _ => rng.Bytes(bytes!.Length) };
                    files[i] = (path, fill);
                    notes.Add($"{path} filled");
                    break;
                default:
                    files = files.Select(f => f.Bytes is { Length: >= 64 } ? (f.Path, f.Bytes[..64]) : f).ToList();
                    notes.Add("every config cut to 64 bytes (a dump taken without root)");
                    break;
            }
        }
        return files;
    }

    private static string Rename(Rng rng, string fn)
    {
        var parent = fn[..fn.LastIndexOf('/')];
        var name = rng.Pick(new[] { "0000:00:01.8", "0001:00:01.0", "0000:0g:00.0", "0000:00:20.0", "0000:00:1f.7", "0000:ff:00.0", "0000:00:01.0 ", "0000:00:1.0", "0000:05:00.0" });
        return parent + "/" + name;
    }

    /// <summary>A generated hierarchy: one host bridge directory, up to four levels of bridges.</summary>
    internal static List<(string Path, byte[]? Bytes)> Generate(Rng rng, List<string> notes, bool gentle)
    {
        notes.Add("generated hierarchy");
        var files = new List<(string, byte[]?)>();
        var prefix = rng.Pick(new[] { "sys/devices/platform/4010000000.pcie", "sys/devices/platform/40000000.pcie", "sys/devices", "x/y" });
        var host = prefix + "/" + (gentle ? "pci0000:00" : rng.Pick(new[] { "pci0000:00", "pci0000:00", "pci0001:10", "pci0000:ff" }));
        int domain = host.EndsWith("pci0001:10", StringComparison.Ordinal) ? 1 : 0;
        int rootBus = host.EndsWith(":10", StringComparison.Ordinal) ? 0x10 : host.EndsWith(":ff", StringComparison.Ordinal) ? 0xff : 0;
        int nextBus = rootBus + 1;
        bool consistent = gentle || !rng.OneIn(5);
        void Bus(string dir, int bus, int depth, bool belowPort)
        {
            int functions = depth == 0 ? rng.Range(1, 5) : rng.Range(0, 3);
            for (int f = 0; f < functions && files.Count < 200; f++)
            {
                int dev = belowPort && !rng.OneIn(10) ? 0 : rng.Range(0, 4);
                int fnum = !gentle && rng.OneIn(4) ? rng.Range(1, 7) : 0;
                var role = depth >= 3 ? FunctionRole.Endpoint : rng.Pick(Enum.GetValues<FunctionRole>());
                if (depth == 0 && rng.OneIn(2)) role = FunctionRole.RootPort;
                var name = $"{domain:x4}:{bus & 0xff:x2}:{dev:x2}.{fnum}";
                var path = dir + "/" + name;
                int sec = consistent ? nextBus++ : rng.Range(0, 0x101);
                var buses = ((byte)bus, (byte)sec, (byte)(consistent ? sec + 4 : rng.Next(256)));
                files.Add((path + "/config", ConfigSpace.Build(rng, role, fnum != 0 || rng.OneIn(5), buses, notes, gentle)));
                if (ConfigSpace.IsBridge(role) && depth < 4)
                    Bus(path, sec, depth + 1, role is FunctionRole.RootPort or FunctionRole.DownstreamPort);
            }
        }
        Bus(host, rootBus, 0, false);
        if (files.Count == 0) files.Add((host, null));
        return files;
    }

    /// <summary>Entries a copy of sysfs should not have: a link loop, a config that is a directory, a deep empty chain.</summary>
    private static void AddOddEntries(Rng rng, FuzzCase c)
    {
        switch (rng.Next(3))
        {
            case 0:
                c.AddDirectory("dump/sys/devices/loop");
                c.AddLink("dump/sys/devices/loop/self", "dump/sys/devices");
                c.Notes.Add("a link back up the tree");
                break;
            case 1:
                c.AddDirectory("dump/sys/devices/pci0000:00/0000:00:05.0/config");
                c.Notes.Add("a config that is a directory");
                break;
            default:
                c.AddDirectory("dump/" + string.Join('/', Enumerable.Range(0, 12).Select(i => "d" + i)) + "/pci0000:00");
                c.Notes.Add("a host directory 13 levels down");
                break;
        }
    }
}
