using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Integration.Storage.InMemory;

namespace Integration.Benchmarks;

/// <summary>
/// Appending one structured line to an execution in the in-memory store, against the raw baseline: enqueueing the
/// same entry into a <see cref="ConcurrentQueue{T}"/>. Each invocation appends <see cref="LinesPerInvoke"/> lines to one
/// execution of a fresh store (against a fresh queue), so memory stays bounded and both sides pay for growing their storage.
/// </summary>
[MemoryDiagnoser]
public class LogAppendBenchmarks
{
    private const int LinesPerInvoke = 1024;
    private static readonly DateTimeOffset Time = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly LogEntry _entry = new()
    {
        Time = Time,
        Level = ExecutionLogLevel.Information,
        Message = "Fetched page 3 of the sales (50 sales)",
        CorrelationId = "call-42",
    };

    [Benchmark(Baseline = true, OperationsPerInvoke = LinesPerInvoke)]
    public int ConcurrentQueueEnqueue()
    {
        var queue = new ConcurrentQueue<LogEntry>();
        for (var i = 0; i < LinesPerInvoke; i++)
        {
            queue.Enqueue(_entry);
        }

        return queue.Count;
    }

    [Benchmark(OperationsPerInvoke = LinesPerInvoke)]
    public async ValueTask<long> InMemoryStoreAppend()
    {
        var store = new InMemoryExecutionStore();
        var id = new ExecutionId(Guid.AllBitsSet);
        await store.CreateAsync(new Execution { Id = id, InterfaceId = "sales", ScheduleId = "sales", StartedAt = Time });
        long last = 0;
        for (var i = 0; i < LinesPerInvoke; i++)
        {
            last = await store.AppendAsync(id, _entry);
        }

        return last;
    }
}
