using Microsoft.Extensions.DependencyInjection;
using Integration.Storage.Conformance;

namespace Integration.Storage.InMemory.Tests;

public sealed class InMemoryInterfaceOverviewTests : InterfaceOverviewScenarios
{
    protected override void UseStore(IExecutionsBuilder builder)
        => builder.Services.AddSingleton<IExecutionStore>(new InMemoryExecutionStore(TimeProvider.System));
}
