using System.CommandLine;

namespace ProbeSim.Cli.Boot;

/// <summary>The views <c>probesim boot</c> offers besides the table: <c>--tree</c> and <c>--dot FILE</c>.</summary>
public sealed class BootViewArguments
{
    public Option<bool> Tree { get; } = new("--tree") { Description = "Print the devices as a tree by sysfs parent, with driver and state, instead of the table" };
    public Option<string?> Dot { get; } = new("--dot") { Description = "Write the dependency graph (devices, suppliers, IOMMUs, IOMMU groups, coloured by state) as Graphviz DOT to FILE (- for standard output)", HelpName = "FILE" };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Tree);
        cmd.Options.Add(Dot);
    }

    public BootView Resolve(ParseResult pr) => new(pr.GetValue(Tree), pr.GetValue(Dot));
}

/// <summary>The views asked for: a tree instead of the table, a DOT file (or <c>-</c>).</summary>
public sealed record BootView(bool Tree, string? Dot);
