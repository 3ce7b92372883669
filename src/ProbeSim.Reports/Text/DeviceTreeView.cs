using System.Globalization;
using ProbeSim.Kernel.Boot;
using ProbeSim.Reports.Graph;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpectreText = Spectre.Console.Text;

namespace ProbeSim.Reports.Text;

/// <summary>
/// <c>probesim boot --tree</c>: the devices as a tree by sysfs parent, in the manner of <c>dmsetup ls --tree</c>,
/// each device with its driver and end state (<see cref="DeviceTreeNode.Build"/> gives the shape), then the summary
/// line. Plain text draws the tree with <c>├── │ └──</c> and ends every line with <c>\n</c>; on a terminal it is a
/// Spectre.Console tree with the state in its colour. Under a device, as in the table, one line per user action on it
/// that the kernel refused (<see cref="DeviceTable.RefusedLines"/>).
/// </summary>
public static class DeviceTreeView
{
    /// <summary>
    /// The text of one entry: a directory is its name; a device reads <c>NAME [DRIVER] STATE</c>
    /// (<c>12200000.mmc [sdhci] bound</c>, <c>6000000.i2c failed (-5 EIO)</c>), a deferred device adds
    /// <c>: REASON</c> and a node that is not a device <c>: NOTE</c>.
    /// </summary>
    public static string Line(DeviceTreeNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Device is not { } d) return node.Segment;
        var (name, driver, state, why) = Parts(node);
        return name + (driver is null ? "" : " [" + driver + "]") + " " + state + (why is null ? "" : ": " + why);
    }

    /// <summary>Writes the plain trees and the summary line.</summary>
    public static void WritePlain(TextWriter writer, IReadOnlyList<DeviceOutcome> devices)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(devices);
        foreach (var root in DeviceTreeNode.Build(devices))
        {
            writer.Write(Clean(Line(root)) + "\n");
            WriteRefused(writer, root, "");
            WriteChildren(writer, root, "");
        }
        writer.Write(DeviceTable.Summary(devices) + "\n");
    }

    /// <summary>The plain rendering as one string.</summary>
    public static string FormatPlain(IReadOnlyList<DeviceOutcome> devices)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WritePlain(writer, devices);
        return writer.ToString();
    }

    /// <summary>Writes Spectre.Console trees (state words in their colours) and the coloured summary line.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<DeviceOutcome> devices)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(devices);
        foreach (var root in DeviceTreeNode.Build(devices))
        {
            var tree = new Tree(Renderable(root)) { Guide = TreeGuide.Line };
            foreach (var line in Refused(root)) tree.AddNode(new SpectreText(line, new Style(Color.Red)));
            foreach (var c in root.Children) AddTo(tree.AddNode(Renderable(c)), c);
            console.Write(tree);
        }
        console.Write(StateStyles.Summary(StateCounts.Of(devices)));
        console.WriteLine();
    }

    private static void WriteChildren(TextWriter w, DeviceTreeNode node, string indent)
    {
        for (int i = 0; i < node.Children.Count; i++)
        {
            bool last = i == node.Children.Count - 1;
            w.Write(indent + (last ? "└── " : "├── ") + Clean(Line(node.Children[i])) + "\n");
            WriteRefused(w, node.Children[i], indent + (last ? "    " : "│   "));
            WriteChildren(w, node.Children[i], indent + (last ? "    " : "│   "));
        }
    }

    // the refused user actions of a device, on the lines right under it (before its children)
    private static void WriteRefused(TextWriter w, DeviceTreeNode node, string indent)
    {
        foreach (var line in Refused(node)) w.Write(indent + (node.Children.Count > 0 ? "│ " : "  ") + Clean(line) + "\n");
    }

    private static IReadOnlyList<string> Refused(DeviceTreeNode node) =>
        node.Device is { } d ? DeviceTable.RefusedLines(d) : Array.Empty<string>();

    private static void AddTo(TreeNode parent, DeviceTreeNode node)
    {
        foreach (var line in Refused(node)) parent.AddNode(new SpectreText(line, new Style(Color.Red)));
        foreach (var c in node.Children) AddTo(parent.AddNode(Renderable(c)), c);
    }

    private static IRenderable Renderable(DeviceTreeNode node)
    {
        if (node.Device is not { } d) return new SpectreText(node.Segment, new Style(decoration: Decoration.Bold));
        var (name, driver, state, why) = Parts(node);
        var p = new Paragraph();
        p.Append(name);
        if (driver is not null) p.Append(" [" + driver + "]");
        p.Append(" ");
        p.Append(state, StateStyles.For(d.State));
        if (why is not null) p.Append(": " + why, new Style(decoration: Decoration.Dim));
        return p;
    }

    private static (string Name, string? Driver, string State, string? Why) Parts(DeviceTreeNode node)
    {
        var d = node.Device!;
        if (d.State == DeviceState.NotPresent)
            return (node.Segment, null, GraphStates.Word(GraphStates.Of(d)), DeviceRow.NoteText(d) is { Length: > 0 } note ? note : null);
        var row = DeviceRow.From(d);
        var why = d.State == DeviceState.Deferred ? DeviceRow.ReasonText(d) : null;
        return (node.Segment, d.Driver, row.State, string.IsNullOrEmpty(why) ? null : why);
    }

    private static string Clean(string text) =>
        text.AsSpan().IndexOfAny('\t', '\r', '\n') < 0 ? text : text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');
}
