using Integration.Sample.Connectors;
using Integration.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Sample.Tests;

/// <summary>The sample's connectors, tested with the test kit.</summary>
public sealed class ConnectorTests
{
    private static readonly ExecutionWindow Window = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ErpSync_WithoutItsApiKey_IsAConfigurationError()
    {
        var result = await ConnectorTest.RunAsync<ErpSync>(Window, s => s.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()));

        result.ShouldBeKo(ErrorCategory.Configuration).ShouldHaveError(ErrorCategory.Configuration, "Erp:ApiKey");
    }

    [Fact]
    public async Task ErpSync_WithItsApiKey_IsOk()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Erp:ApiKey", "k-123456")]).Build();

        var result = await ConnectorTest.RunAsync<ErpSync>(Window, s => s.AddSingleton<IConfiguration>(configuration));

        result.ShouldBeOk().ShouldHaveLine("Using key k-12");
    }
}
