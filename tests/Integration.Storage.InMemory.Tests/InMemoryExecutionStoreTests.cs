using Integration.Storage.Conformance;

namespace Integration.Storage.InMemory.Tests;

public sealed class InMemoryExecutionStoreTests : ExecutionStoreConformanceTests
{
    protected override bool NewStoresShareTheDatabase => false;

    protected override Task<IExecutionStore> CreateStoreAsync() => Task.FromResult<IExecutionStore>(new InMemoryExecutionStore(TimeProvider.System));

    protected override Task<IExecutionStore?> CreateStoreAsync(TimeProvider time) => Task.FromResult<IExecutionStore?>(new InMemoryExecutionStore(time));
}
