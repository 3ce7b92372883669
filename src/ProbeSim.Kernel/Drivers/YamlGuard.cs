using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ProbeSim.Kernel.Drivers;

/// <summary>
/// Reads the YAML ProbeSim takes as input (scenario files, PCI topology files) within fixed bounds, and turns every
/// YAML error into the caller's located exception (<c>file:line:col: error: ...</c>):
/// <list type="bullet">
/// <item>at most <see cref="MaxBytes"/> bytes are read from a file (a device such as <c>/dev/zero</c> ends there);</item>
/// <item>one pass over the parser's events, before any node tree is built, refuses nesting deeper than
/// <see cref="MaxDepth"/> (the node tree and the readers recurse once per level) and documents with more than
/// <see cref="MaxNodes"/> nodes, counting every alias as the nodes it stands for (the readers walk an alias as a copy,
/// so "billion laughs" anchors would otherwise cost exponential time);</item>
/// <item>YamlDotNet's own failures (a <see cref="YamlException"/>, and exceptions of other types its scanner throws
/// on some malformed input) become errors at the position where the parser stopped.</item>
/// </list>
/// </summary>
internal static class YamlGuard
{
    /// <summary>Largest YAML file read: 16 MiB.</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>
    /// Deepest nesting of mappings and lists: 600, enough for any PCI hierarchy (at most 255 bridges below one another,
    /// two levels each: the bridge's mapping and its <c>below:</c> list).
    /// </summary>
    public const int MaxDepth = 600;

    /// <summary>
    /// Most nodes in one document (scalars, mappings and lists), aliases counted as what they stand for: 200,000, far
    /// above any scenario or PCI topology, and low enough that the refusal comes within a second (YamlDotNet parses
    /// about 250,000 events a second here; at 1,000,000 a 9.8 MB document took over 5 s of CPU, fuzz 1:692535).
    /// </summary>
    public const int MaxNodes = 200_000;

    /// <summary>Where a whole-file error is reported.</summary>
    public static readonly Mark FileStart = new(0, 1, 1);

    /// <summary>The text of a YAML file, read up to <see cref="MaxBytes"/> (UTF-8, or the encoding of a byte order mark).</summary>
    public static string ReadText(string path, Func<Mark, string, Exception> error) =>
        BoundedFile.ReadText(path, MaxBytes, () => error(FileStart, $"the file is larger than {MaxBytes >> 20} MiB, the limit for a YAML input"));

    /// <summary>Checks the bounds, then loads the stream; every failure is <paramref name="error"/>(where, reason).</summary>
    public static YamlStream Load(string text, Func<Mark, string, Exception> error)
    {
        if (text.Length > MaxBytes)
            throw error(FileStart, $"the text is larger than {MaxBytes >> 20} MiB, the limit for a YAML input");
        Check(text, error);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw error(e.Start.Line > 0 ? e.Start : FileStart, "invalid YAML: " + Reason(e));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // the events were read whole above; what is left is building the nodes (no case known)
            throw error(FileStart, "invalid YAML: " + e.Message);
        }
        return stream;
    }

    /// <summary>The bounds pass: one walk over the parser's events (the parser keeps its own stack, it does not recurse).</summary>
    private static void Check(string text, Func<Mark, string, Exception> error)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var open = new List<(NodeEvent Start, long FirstNode)>();
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long nodes = 0;
        (Mark At, string Reason)? refused = null;
        try
        {
            while (refused is null && parser.MoveNext())
            {
                var ev = parser.Current!;
                switch (ev)
                {
                    case MappingStart or SequenceStart:
                        nodes++;
                        if (open.Count >= MaxDepth)
                            refused = (ev.Start, $"lists and mappings nested deeper than {MaxDepth} levels");
                        open.Add(((NodeEvent)ev, nodes));
                        break;
                    case MappingEnd or SequenceEnd:
                        var (start, first) = open[^1];
                        open.RemoveAt(open.Count - 1);
                        if (!start.Anchor.IsEmpty) anchorSizes[start.Anchor.Value] = nodes - first + 1;
                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty) anchorSizes[scalar.Anchor.Value] = 1;
                        break;
                    case AnchorAlias alias:
                        // an alias inside the node its anchor names makes a cycle: the loader would recurse through it
                        // without end (a stack overflow, which ends the process); found by the fuzzing harness
                        if (open.Exists(o => !o.Start.Anchor.IsEmpty && o.Start.Anchor.Value == alias.Value.Value))
                        {
                            refused = (ev.Start, $"alias *{alias.Value.Value} is inside the node its anchor &{alias.Value.Value} names (a cycle)");
                            break;
                        }
                        // an unknown anchor is reported by the loader with its own message
                        nodes += anchorSizes.TryGetValue(alias.Value.Value, out var size) ? size : 1;
                        break;
                }
                if (refused is null && nodes > MaxNodes)
                    refused = (ev.Start, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the document has more than {MaxNodes:N0} nodes (aliases counted as the nodes they repeat)"));
            }
        }
        catch (YamlException e)
        {
            throw error(e.Start.Line > 0 ? e.Start : scanner.CurrentPosition, "invalid YAML: " + Reason(e));
        }
        catch (Exception e) when (e is not (OutOfMemoryException or YamlException))
        {
            // YamlDotNet's scanner throws other exceptions on some malformed input (InvalidOperationException for an
            // unclosed '[' followed by a block key); the limits above are recorded, not thrown, so nothing of ours is caught
            throw error(scanner.CurrentPosition, "invalid YAML: the parser cannot go on from here" + UnclosedHint(open));
        }
        if (refused is { } r) throw error(r.At, r.Reason);
    }

    private static string UnclosedHint(List<(NodeEvent Start, long FirstNode)> open)
    {
        if (open.Count == 0) return "";
        var (start, _) = open[^1];
        var bracket = start switch
        {
            SequenceStart { Style: SequenceStyle.Flow } => "[",
            MappingStart { Style: MappingStyle.Flow } => "{",
            _ => null,
        };
        return bracket is null ? "" : $" (the '{bracket}' at line {start.Start.Line}, column {start.Start.Column} is not closed)";
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: l, Col: c, Idx: i) - (Line: ...): "; the location is reported separately.</summary>
    private static string Reason(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && i >= 0 ? message[(i + 3)..] : message;
    }
}
