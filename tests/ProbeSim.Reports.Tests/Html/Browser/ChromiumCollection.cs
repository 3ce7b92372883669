namespace ProbeSim.Reports.Tests.Html.Browser;

/// <summary>The browser tests share one chromium and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
