using Integration.Storage.Conformance;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteQueueTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteExecutionStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task HundredThousandLinesFromEightWriters_AgainstASlowedStore_StayWithinTheQueuesBound_AndAreAllStored()
    {
        const int writers = 8;
        const int linesPerWriter = 12_500;
        var executions = Enumerable.Range(0, writers)
            .Select(w => new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = $"sales-{w}", ScheduleId = "sales" })
            .ToArray();
        foreach (var execution in executions)
        {
            await _store.CreateAsync(execution);
        }

        // Slowed: each batch waits before it is written, so writers outrun the store and fill the queue.
        _store.LogWriter.BeforeCommit = () => Task.Delay(20);
        var queue = _store.LogWriter.Queue;

        var sequences = await Task.WhenAll(executions.Select(execution => Task.Run(() => StoreTests.AppendManyAsync(_store, execution.Id, linesPerWriter))));

        Assert.Equal(LogQueueCapacity, queue.Capacity);
        Assert.InRange(queue.PeakCount, 1, queue.Capacity);
        Assert.True(queue.PeakCount > queue.Capacity / 2, $"the queue peaked at {queue.PeakCount}: the writers never filled it");
        foreach (var (execution, written) in executions.Zip(sequences))
        {
            Assert.Equal(Enumerable.Range(1, linesPerWriter).Select(i => (long)i), written);
            var stored = await StoreTests.ReadAllAsync(_store, execution.Id);
            Assert.Equal(Enumerable.Range(1, linesPerWriter).Select(i => (long)i), stored.Select(l => l.Sequence));
            Assert.Equal(Enumerable.Range(0, linesPerWriter).Select(i => $"line {i}"), stored.Select(l => l.Message));
        }
    }

    private const int LogQueueCapacity = 16_384;
}
