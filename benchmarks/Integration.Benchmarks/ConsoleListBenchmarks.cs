using BenchmarkDotNet.Attributes;

namespace Integration.Benchmarks;

/// <summary>
/// The console's executions list on 1,000,000 executions (<see cref="ConsoleListSeed"/>): the server-side work of one
/// page of 50, which is one <see cref="IExecutionStore.QueryAsync"/> of the store, as the dashboard asks it (newest
/// first, keyset cursor <see cref="ExecutionQuery.Before"/>). The stores derive from it: <see cref="SqliteConsoleListBenchmarks"/>,
/// <see cref="PostgreSqlConsoleListBenchmarks"/>. The seeded database is kept between runs, keyed by the schema version.
/// </summary>
[MemoryDiagnoser]
public abstract class ConsoleListBenchmarkBase
{
    private const int PageSize = 50;
    private ExecutionId _deepCursor;

    /// <summary>Gets the store read by the benchmarks, seeded.</summary>
    protected IExecutionStore Store { get; private set; } = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        Store = await OpenSeededStoreAsync();

        // The cursor of the page about 10,000 rows down: the console followed "older" 200 times.
        ExecutionId? cursor = null;
        for (var page = 0; page < 10; page++)
        {
            cursor = (await Store.QueryAsync(new ExecutionQuery { Before = cursor, Limit = ExecutionQuery.MaxLimit })).Next;
        }

        _deepCursor = cursor ?? throw new InvalidOperationException("The seeded store has fewer than 10,000 executions.");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    /// <summary>The console's first page: the 50 newest executions.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> FirstPage() => (await Store.QueryAsync(new ExecutionQuery { Limit = PageSize })).Items.Count;

    /// <summary>A page about 10,000 rows down (keyset cursor).</summary>
    [Benchmark]
    public async Task<int> DeepPage() => (await Store.QueryAsync(new ExecutionQuery { Before = _deepCursor, Limit = PageSize })).Items.Count;

    /// <summary>The first page of the KO filter.</summary>
    [Benchmark]
    public async Task<int> KoFirstPage() => (await Store.QueryAsync(new ExecutionQuery { Status = ExecutionStatus.KO, Limit = PageSize })).Items.Count;

    /// <summary>The first page of one interface's KO executions.</summary>
    [Benchmark]
    public async Task<int> InterfaceKoFirstPage()
        => (await Store.QueryAsync(new ExecutionQuery { InterfaceId = ConsoleListSeed.FilteredInterface, Status = ExecutionStatus.KO, Limit = PageSize })).Items.Count;

    /// <summary>Opens the store on a database holding the seeded executions, seeding it when it does not yet.</summary>
    protected abstract Task<IExecutionStore> OpenSeededStoreAsync();
}
