using Microsoft.Extensions.DependencyInjection;
using Integration.Storage.Conformance;

namespace Integration.Storage.InMemory.Tests;

public sealed class InMemoryDayBoundaryTests : DayBoundaryScenarios
{
    private readonly InMemoryExecutionStore _store = new(TimeProvider.System);

    // Every host of a test shares one store instance, as nodes share a database.
    protected override void UseStore(IExecutionsBuilder builder)
        => builder.Services.AddSingleton<IExecutionStore>(_store);
}
