namespace Integration.Sample.Tests;

/// <summary>The docs' connector and host tests are not only compiled: they run, and pass.</summary>
public sealed class SnippetTests
{
    [Fact]
    public Task ConnectorTestSnippet_Passes() => new Integration.Snippets.FnacSalesSyncTests().SaleWithoutStoreCode_IsAMappingError();

    [Fact]
    public Task HostFakeClockSnippet_Passes() => new Integration.Snippets.FnacSalesScheduleTests().TheNoonOccurrence_RunsOnTheTwoHoursBeforeIt();
}
