namespace ProbeSim.Reports.Graph;

/// <summary>Hands out node ids, unique within one graph: a second claim of the same id gets <c>#2</c>, <c>#3</c>...</summary>
internal sealed class GraphIds
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Claim(string wanted)
    {
        if (_used.Add(wanted)) return wanted;
        for (int n = 2; ; n++)
        {
            var id = wanted + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_used.Add(id)) return id;
        }
    }
}
