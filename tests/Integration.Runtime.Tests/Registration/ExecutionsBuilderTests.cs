using Microsoft.Extensions.DependencyInjection;

namespace Integration.Tests.Registration;

/// <summary>The builder extensions reach the interface catalog through <see cref="IExecutionsBuilder.Services"/>, never by casting the builder.</summary>
public sealed class ExecutionsBuilderTests
{
    [Fact]
    public void AnyBuilderOverTheSameServices_RegistersIntoTheOneCatalog()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x.UseInMemoryStore().AddRealTimeInterface("public-api"));

        new ForeignBuilder(services).AddRealTimeInterface("partner-api");

        using var provider = services.BuildServiceProvider();
        Assert.Equal(["public-api", "partner-api"], provider.GetRequiredService<IInterfaceCatalog>().Interfaces.Select(i => i.Id));
    }

    [Fact]
    public void ErrorClassification_IsTheClassifierChainItself()
    {
        var services = new ServiceCollection();
        services.AddExecutions(x => x.UseInMemoryStore());

        using var provider = services.BuildServiceProvider();
        Assert.IsType<ErrorClassifierChain>(provider.GetRequiredService<IErrorClassification>());
    }

    private sealed class ForeignBuilder(IServiceCollection services) : IExecutionsBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
