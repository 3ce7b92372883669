using ProbeSim.Fuzz.Core;
using ProbeSim.Fuzz.Seeds;

namespace ProbeSim.Fuzz.Gen.Argv;

/// <summary>
/// Argument vectors: a command of the real tree (<see cref="CommandCatalog"/>), its arguments, a random set of its real
/// options with valid and invalid values (outputs onto inputs included), global options, options of other commands,
/// directives, response files, '--', '-', empty strings; then shuffled or duplicated now and then.
/// </summary>
public sealed class ArgvCaseGenerator : ICaseGenerator
{
    private static readonly string[] Noise =
    [
        "--", "-", "", " ", "--nope", "-x", "-qv", "--help", "-h", "-?", "--version", "[diagram]", "[suggest]", "[suggest:4]",
        "@s.yaml", "@missing.rsp", "@", "@empty", "--json=out.json", "--profile=v4.2", "-pv6.1", "--budget=2", "boot", "check",
        "--quiet", "--verbose", "-Ifoo", "\u00e9", "\t", "-o-", "---x", "--=x",
    ];

    private readonly IReadOnlyList<CommandInfo> _commands;
    private readonly Fixtures _fixtures;
    private readonly ArgvValues _values;
    private readonly IReadOnlyList<string> _allOptionNames;

    public ArgvCaseGenerator(SeedCorpus seeds)
    {
        _commands = CommandCatalog.Read();
        _fixtures = new Fixtures(seeds);
        _values = new ArgvValues(seeds);
        _allOptionNames = _commands.SelectMany(c => c.Options).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<CommandInfo> Commands => _commands;

    public static bool IsOutputOption(string arg) => arg is "--json" or "--html" or "--dot" or "-o" or "--out" or "--output";

    private static int Weight(CommandInfo c) => c.Name switch
    {
        "boot" => 25, "check" => 10, "explain" => 10, "dtc" => 12, "fdtoverlay" => 6, "corpus build" => 3, "corpus boot" => 3,
        "diff" => 5, "diff merge" => 3, "profiles" => 3, "invariants" => 2, "completion" => 2, "(root)" => 3, _ => 2,
    };

    public void Fill(Rng rng, FuzzCase c)
    {
        int total = _commands.Sum(Weight), pick = rng.Next(total);
        var cmd = _commands.First(x => (pick -= Weight(x)) < 0);
        var args = new List<string>(cmd.Path);
        var inputs = new List<string>();

        string Value(string name, IReadOnlyList<string> completions)
        {
            var (v, role) = _values.For(rng, name, completions);
            if (role == ValueRole.Input) inputs.Add(v);
            return v;
        }

        foreach (var a in cmd.Arguments)
        {
            int n = rng.OneIn(8) ? rng.Range(0, a.Max + 1) : rng.Range(a.Min, Math.Max(a.Min, Math.Min(a.Max, 2)));
            for (int i = 0; i < n; i++) args.Add(Value(a.Name, []));
        }
        int options = rng.Geometric(6) - 1;
        for (int i = 0; i < options && cmd.Options.Count > 0; i++)
        {
            var o = rng.Pick(cmd.Options);
            var spelled = rng.OneIn(3) ? rng.Pick(o.Aliases.Prepend(o.Name).ToList()) : o.Name;
            var bare = o.Name.TrimStart('-');
            if (o.IsFlag)
            {
                args.Add(spelled);
                if (rng.OneIn(15)) args.Add(rng.Pick(new[] { "true", "false", "maybe" }));
            }
            else if (rng.OneIn(20)) args.Add(spelled); // value missing
            else if (rng.OneIn(6) && spelled.StartsWith("--", StringComparison.Ordinal)) args.Add(spelled + "=" + Value(bare, o.Values));
            else
            {
                args.Add(spelled);
                args.Add(Value(bare, o.Values));
                if (o.Many && rng.OneIn(4)) args.Add(Value(bare, o.Values));
            }
        }
        if (rng.OneIn(6))
        {
            // an option of another command
            var other = rng.Pick(_allOptionNames);
            args.Add(other);
            if (rng.OneIn(2)) args.Add(Value(other.TrimStart('-'), []));
        }
        if (rng.OneIn(5)) args.Insert(rng.Next(args.Count + 1), rng.Pick(Noise));
        if (rng.OneIn(12) && args.Count > 1)
        {
            int a = rng.Next(args.Count), b = rng.Next(args.Count);
            (args[a], args[b]) = (args[b], args[a]);
        }
        if (rng.OneIn(12) && args.Count > 0) args.AddRange(args.GetRange(0, rng.Range(1, args.Count)));

        // check explores without end unless bounded: keep every run short (a long exploration is what the user asked for, not a hang)
        if (args.Contains("check") && !args.Any(x => x == "--budget" || x.StartsWith("--budget=", StringComparison.Ordinal)))
            args.AddRange(["--budget", "2"]);
        // a value pool can still give --budget 2147483647 (1:692159): --time bounds what such a budget asks for
        if (args.Contains("check") && !args.Any(x => x == "--time" || x.StartsWith("--time=", StringComparison.Ordinal)))
            args.AddRange(["--time", "1"]);
        if (args.Contains("-") && (args.Contains("dtc") || args.Contains("--drivers")))
            c.Stdin = rng.OneIn(2) ? "not a device tree" : "/dts-v1/;\n/ { a = <1>; };\n";

        // a swap or a copy can put any value after an output option: outputs stay relative names in the scratch directory
        for (int i = 1; i < args.Count; i++)
            if (IsOutputOption(args[i - 1]) && (args[i].StartsWith('/') || args[i].Split('/').Contains(".."))) args[i] = "out.json";
        c.Args.AddRange(args);
        foreach (var arg in args)
        {
            // a value given as --opt=VALUE, a response file @FILE
            var a = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is int eq and > 0 ? arg[(eq + 1)..] : arg.TrimStart('@');
            if (Fixtures.Owner(a) is { } f)
            {
                bool read = inputs.Contains(a) || arg.StartsWith('@');
                _fixtures.Ensure(c, f, read);
                if (read && a != f) c.MarkInputsUnder(a);
            }
        }
        c.Notes.Add("command " + cmd.Name);
    }
}
