using System.CommandLine;
using ProbeSim.Kernel.Profiles;

namespace ProbeSim.Cli.Commands;

/// <summary><c>probesim profiles [NAME]</c>: the named kernel profiles, or one profile's switches.</summary>
public static class ProfilesCommand
{
    public static Command Create(CliIo io)
    {
        var name = new Argument<string?>("PROFILE") { Description = "Show every switch of this profile (default: list the profiles and the switches)", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("profiles", "List kernel behaviour profiles and their switches") { name };
        cmd.SetAction(pr =>
        {
            var lib = ProfileLibrary.Default;
            if (pr.GetValue(name) is { } n)
            {
                KernelProfile p;
                try { p = lib.Get(n); }
                catch (ProfileException e) { return io.IoError(e.Message); }
                io.Out.WriteLine($"{p.Name}: {p.Description}");
                int w = SwitchCatalog.All.Max(s => s.Name.Length);
                foreach (var (k, v) in p.Values) io.Out.WriteLine($"  {k.PadRight(w)}  {(v.Length == 0 ? "(empty)" : v)}");
                return ExitCodes.Ok;
            }
            io.Out.WriteLine("PROFILES");
            int pw = lib.Profiles.Max(p => p.Name.Length);
            foreach (var p in lib.Profiles) io.Out.WriteLine($"  {p.Name.PadRight(pw)}  {p.Description}");
            io.Out.WriteLine($"  {"latest".PadRight(pw)}  = {lib.Profiles[^1].Name}");
            io.Out.WriteLine();
            io.Out.WriteLine("SWITCHES (override with --set NAME=VALUE)");
            foreach (var s in SwitchCatalog.All)
            {
                io.Out.WriteLine($"  {s.Name}: {s.Description}");
                io.Out.WriteLine($"      mirrors {s.Kernel}; value: {s.Expected}");
                io.Out.WriteLine("      " + string.Join("  ", lib.Profiles.Select(p => $"{p.Name}={(p[s.Name].Length == 0 ? "-" : Short(p[s.Name]))}")));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Short(string v) => v.Length <= 24 ? v : v[..21] + "...";
}
