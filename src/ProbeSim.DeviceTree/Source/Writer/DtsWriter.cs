using System.Text;
using ProbeSim.DeviceTree.Model;

namespace ProbeSim.DeviceTree.Source.Writer;

/// <summary>Writes a tree as DTS text exactly as dtc 1.8.1's <c>-O dts</c> does (treesource.c <c>dt_to_source</c>).</summary>
/// <remarks>
/// Properties with markers (from DTS source) are shown by their markers; bytes without type markers are
/// guessed as dtc does. For a tree read from a blob, run <see cref="DtbSourceRecovery.Apply"/> first to get
/// dtc's labels and phandle references. The tree is not changed.
/// </remarks>
public static class DtsWriter
{
    public static string Write(DtTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var sb = new StringBuilder(4096);
        Write(sb, tree);
        return sb.ToString();
    }

    // dt_to_source: header lines, /memreserve/ entries, then the tree
    public static void Write(StringBuilder sb, DtTree tree)
    {
        sb.Append("/dts-v1/;\n");
        if (tree.IsPlugin) sb.Append("/plugin/;\n");
        sb.Append('\n');
        foreach (var re in tree.ReserveMap)
        {
            AppendLabels(sb, re.Labels);
            sb.Append("/memreserve/\t0x").Append(re.Address.ToString("x16"))
              .Append(" 0x").Append(re.Size.ToString("x16")).Append(";\n");
        }
        WriteNodes(sb, tree.Root);
    }

    // write_tree_source_node, with an explicit stack: labels, name ("/" for the root), properties,
    // a blank line before each child, "};" at the node's depth
    private static void WriteNodes(StringBuilder sb, DtNode root)
    {
        var stack = new Stack<(DtNode Node, int Next)>();
        OpenNode(sb, root, 0);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var level = stack.Count;
            if (next < node.Children.Count)
            {
                stack.Push((node, next + 1));
                sb.Append('\n');
                var child = node.Children[next];
                OpenNode(sb, child, level + 1);
                stack.Push((child, 0));
            }
            else
            {
                sb.Append('\t', level).Append("};\n");
            }
        }
    }

    private static void OpenNode(StringBuilder sb, DtNode node, int level)
    {
        sb.Append('\t', level);
        AppendLabels(sb, node.Labels);
        sb.Append(node.Name.Length > 0 ? node.Name : "/").Append(" {\n");
        foreach (var prop in node.PropertyList)
        {
            sb.Append('\t', level + 1);
            AppendLabels(sb, prop.Labels);
            sb.Append(prop.Name);
            DtsValueWriter.Write(sb, prop);
            CheckLength(sb);
        }
        CheckLength(sb);
    }

    // every line is indented by its depth, so a deep node with many properties makes far more text than its blob
    private static void CheckLength(StringBuilder sb)
    {
        if (sb.Length > DeviceTreeLimits.MaxDtsChars)
            throw new DeviceTreeException(new Diagnostic(Severity.Error, $"the DTS text would be longer than {DeviceTreeLimits.MaxDtsChars} characters, the limit for DTS output"));
    }

    // for_each_label: "label: " each, in list order
    private static void AppendLabels(StringBuilder sb, List<string> labels)
    {
        foreach (var l in labels) sb.Append(l).Append(": ");
    }
}
