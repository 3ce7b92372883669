using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("ProbeSim.Import.Plans.Tests")]
