using Integration.Storage.Conformance;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteExecutionStoreTests : ExecutionStoreConformanceTests, IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly List<SqliteExecutionStore> _stores = [];

    protected override int AppendsPerThread => 200;

    protected override Task<IExecutionStore> CreateStoreAsync()
    {
        var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        _stores.Add(store);
        return Task.FromResult<IExecutionStore>(store);
    }

    protected override Task<IExecutionStore?> CreateStoreAsync(TimeProvider time)
    {
        var store = new SqliteExecutionStore(_database.ConnectionString, time);
        _stores.Add(store);
        return Task.FromResult<IExecutionStore?>(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _database.Dispose();
    }
}
