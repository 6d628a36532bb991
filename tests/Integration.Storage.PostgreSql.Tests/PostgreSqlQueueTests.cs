using Integration.Storage.Conformance;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlQueueTests
{
    [PostgresFact]
    public async Task HundredThousandLinesFromEightWriters_AgainstASlowedStore_StayWithinTheQueuesBound_AndAreAllStored()
    {
        const int writers = 8;
        const int linesPerWriter = 12_500;
        await using var schema = await PostgresSchema.CreateAsync();
        await using var store = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);
        var executions = Enumerable.Range(0, writers)
            .Select(w => new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = $"sales-{w}", ScheduleId = "sales" })
            .ToArray();
        foreach (var execution in executions)
        {
            await store.CreateAsync(execution);
        }

        // Slowed: each batch waits before it is written, so writers outrun the store and fill the queue.
        store.LogWriter.BeforeCommit = () => Task.Delay(20);
        var queue = store.LogWriter.Queue;

        var sequences = await Task.WhenAll(executions.Select(execution => Task.Run(() => StoreTests.AppendManyAsync(store, execution.Id, linesPerWriter))));

        Assert.Equal(16_384, queue.Capacity);
        Assert.InRange(queue.PeakCount, 1, queue.Capacity);
        Assert.True(queue.PeakCount > queue.Capacity / 2, $"the queue peaked at {queue.PeakCount}: the writers never filled it");
        foreach (var (execution, written) in executions.Zip(sequences))
        {
            Assert.Equal(Enumerable.Range(1, linesPerWriter).Select(i => (long)i), written);
            var stored = await StoreTests.ReadAllAsync(store, execution.Id);
            Assert.Equal(Enumerable.Range(1, linesPerWriter).Select(i => (long)i), stored.Select(l => l.Sequence));
            Assert.Equal(Enumerable.Range(0, linesPerWriter).Select(i => $"line {i}"), stored.Select(l => l.Message));
        }
    }
}
