namespace ProbeSim.Reports.Text;

/// <summary>How a plain-text column pads its cells.</summary>
public enum ColumnAlign { Left, Right }
