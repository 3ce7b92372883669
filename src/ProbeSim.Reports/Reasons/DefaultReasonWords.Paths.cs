namespace ProbeSim.Reports.Reasons;

public partial class DefaultReasonWords
{
    /// <summary>
    /// Whether these words print every DT path as <c>&lt;node&gt;</c>: the view the corpus diff words its causes with,
    /// so that one cause on different nodes and boards makes one group.
    /// </summary>
    protected bool PathFree { get; private set; }

    /// <summary>A DT path (<c>/soc/iommu@e6570000</c>) as these words print it: every path the words print comes through here.</summary>
    protected virtual string DtPath(string path) => PathFree ? "<node>" : path;

    /// <summary>A copy of these words (a derived class keeps its overrides) that prints DT paths as <c>&lt;node&gt;</c>.</summary>
    protected DefaultReasonWords PathFreeView()
    {
        if (PathFree) return this;
        var view = (DefaultReasonWords)MemberwiseClone();
        view.PathFree = true;
        return view;
    }
}
