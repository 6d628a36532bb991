namespace Integration.Sample.Tests;

/// <summary>The docs' connector test is not only compiled: it runs, and passes.</summary>
public sealed class SnippetTests
{
    [Fact]
    public Task ConnectorTestSnippet_Passes() => new Integration.Snippets.FnacSalesSyncTests().SaleWithoutStoreCode_IsAMappingError();
}
