using Integration.Storage.Conformance;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlExecutionStoreTests : ExecutionStoreConformanceTests, IAsyncLifetime
{
    private readonly List<PostgreSqlExecutionStore> _stores = [];
    private PostgresSchema? _schema;

    protected override int AppendsPerThread => 200;

    protected override async Task<IExecutionStore> CreateStoreAsync()
    {
        _schema ??= await PostgresSchema.CreateAsync();
        var store = new PostgreSqlExecutionStore(_schema.ConnectionString, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
