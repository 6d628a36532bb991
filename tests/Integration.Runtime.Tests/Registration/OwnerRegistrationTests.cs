using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests;

public sealed class OwnerRegistrationTests
{
    [Fact]
    public async Task Owners_AreKeptOnTheInterfaceDefinition_OfBothKindsOfInterface()
    {
        await using var h = Harness.Create(
            x => x.AddRealTimeInterface("api", i => i.ConfigurationOwner("api-config@host.example").MappingOwner("api-mapping@host.example")),
            i => i.ConfigurationOwner("config@host.example"));
        var catalog = h.Provider.GetRequiredService<IInterfaceCatalog>();

        Assert.Equal("config@host.example", catalog.Get("sales").ConfigurationOwner);
        Assert.Null(catalog.Get("sales").MappingOwner);
        Assert.Equal("api-config@host.example", catalog.Get("api").ConfigurationOwner);
        Assert.Equal("api-mapping@host.example", catalog.Get("api").MappingOwner);
    }

    [Fact]
    public void EmptyOwnerContact_IsRejected_NamingTheInterface()
    {
        var services = new ServiceCollection();

        var e = Assert.Throws<ArgumentException>(() => services.AddExecutions(x => x.AddRealTimeInterface("api", i => i.MappingOwner(" "))));

        Assert.Contains("'api'", e.Message, StringComparison.Ordinal);
        Assert.Contains("mapping owner", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddExecutions_RegistersTheSupportService_WithCsvAndJson()
    {
        await using var h = Harness.Create();

        var support = h.Provider.GetRequiredService<IExecutionSupport>();

        Assert.Equal(["csv", "json"], support.ExportFormats.Order());
    }
}
