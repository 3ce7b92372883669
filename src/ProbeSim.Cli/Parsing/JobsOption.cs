namespace ProbeSim.Cli.Parsing;

/// <summary><c>-j, --jobs N</c> of the corpus commands: 1 or more, the number of CPUs when not given.</summary>
public static class JobsOption
{
    public static WholeNumberOption<int> Create(string description) =>
        new("--jobs", 1, int.MaxValue, ["-j"]) { Description = description, HelpName = "N", DefaultValueFactory = _ => Environment.ProcessorCount };
}
