namespace ProbeSim.Reports.Html.Graph;

/// <summary>A node's position in the report's graph coordinates (pixels at zoom 1; y grows downwards).</summary>
public readonly record struct GraphPoint(int X, int Y);

/// <summary>
/// Places the graph in columns by supplier depth, so it needs no layout work in the browser: a node's column is the
/// longest chain of suppliers above it (cycles are cut where a depth-first walk in node order closes them); inside a
/// column nodes are ordered by the mean row of their suppliers, then by node order, and a tall column wraps into
/// several. Nodes with no edge at all are packed in a grid below. Integer arithmetic only: the same graph always
/// gets the same positions.
/// </summary>
public static class LayeredLayout
{
    public const int ColumnWidth = 240;
    public const int RankGap = 80;
    public const int RowHeight = 34;

    public static IReadOnlyList<GraphPoint> Place(ReportGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        int n = graph.Nodes.Count;
        var outs = new List<int>[n];
        var ins = new List<int>[n];
        for (int i = 0; i < n; i++) { outs[i] = []; ins[i] = []; }
        foreach (var e in graph.Edges)
        {
            outs[e.From].Add(e.To);
            ins[e.To].Add(e.From);
        }
        var kept = AcyclicEdges(outs);
        var rank = Ranks(n, kept);
        var connected = Enumerable.Range(0, n).Where(i => outs[i].Count + ins[i].Count > 0).ToList();
        var points = new GraphPoint[n];
        int rows = RowsPerColumn(connected.Count);
        int x = 0, bottom = 0;
        var row = new int[n];
        foreach (var layer in connected.GroupBy(i => rank[i]).OrderBy(g => g.Key))
        {
            var ordered = layer
                .Select(i => (Node: i, Key: MeanSupplierRow(i, kept.Ins[i], row)))
                .OrderBy(t => t.Key).ThenBy(t => t.Node)
                .Select(t => t.Node).ToList();
            int columns = (ordered.Count + rows - 1) / rows;
            for (int k = 0; k < ordered.Count; k++)
            {
                int col = k / rows, r = k % rows;
                int inColumn = Math.Min(rows, ordered.Count - col * rows);
                int y = (2 * r - (inColumn - 1)) * RowHeight / 2;
                points[ordered[k]] = new GraphPoint(x + col * ColumnWidth, y);
                row[ordered[k]] = y;
                bottom = Math.Max(bottom, y);
            }
            x += columns * ColumnWidth + RankGap;
        }
        PlaceIsolated(n, outs, ins, points, Math.Max(x - RankGap, ColumnWidth), connected.Count == 0 ? 0 : bottom + 3 * RowHeight);
        return points;
    }

    private static int RowsPerColumn(int connected) =>
        Math.Clamp((int)Math.Ceiling(Math.Sqrt(connected) * 3), 12, 80);

    /// <summary>Mean y of the node's (kept) suppliers, or 0 when it has none, so roots keep node order.</summary>
    private static long MeanSupplierRow(int node, List<int> suppliers, int[] row)
    {
        if (suppliers.Count == 0) return 0;
        long sum = 0;
        foreach (var s in suppliers) sum += row[s];
        return sum / suppliers.Count;
    }

    private static void PlaceIsolated(int n, List<int>[] outs, List<int>[] ins, GraphPoint[] points, int width, int top)
    {
        int perRow = Math.Max(1, width / ColumnWidth);
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (outs[i].Count + ins[i].Count > 0) continue;
            points[i] = new GraphPoint(k % perRow * ColumnWidth, top + k / perRow * RowHeight);
            k++;
        }
    }

    private sealed record Dag(List<int>[] Outs, List<int>[] Ins);

    /// <summary>The edges minus those that close a cycle in an iterative depth-first walk started from each node in order.</summary>
    private static Dag AcyclicEdges(List<int>[] outs)
    {
        int n = outs.Length;
        var keptOut = new List<int>[n];
        var keptIn = new List<int>[n];
        for (int i = 0; i < n; i++) { keptOut[i] = []; keptIn[i] = []; }
        var state = new byte[n]; // 0 new, 1 on the stack, 2 done
        var stack = new Stack<(int Node, int Next)>();
        for (int root = 0; root < n; root++)
        {
            if (state[root] != 0) continue;
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                if (next == outs[v].Count)
                {
                    state[v] = 2;
                    continue;
                }
                stack.Push((v, next + 1));
                int w = outs[v][next];
                if (state[w] == 1) continue; // back edge: cut
                keptOut[v].Add(w);
                keptIn[w].Add(v);
                if (state[w] == 0)
                {
                    state[w] = 1;
                    stack.Push((w, 0));
                }
            }
        }
        return new Dag(keptOut, keptIn);
    }

    /// <summary>Longest-path rank over the acyclic edges (Kahn's order, nodes taken in index order).</summary>
    private static int[] Ranks(int n, Dag dag)
    {
        var rank = new int[n];
        var pending = new int[n];
        for (int i = 0; i < n; i++) pending[i] = dag.Ins[i].Count;
        var ready = new SortedSet<int>(Enumerable.Range(0, n).Where(i => pending[i] == 0));
        while (ready.Count > 0)
        {
            int v = ready.Min;
            ready.Remove(v);
            foreach (var w in dag.Outs[v])
            {
                rank[w] = Math.Max(rank[w], rank[v] + 1);
                if (--pending[w] == 0) ready.Add(w);
            }
        }
        return rank;
    }
}
