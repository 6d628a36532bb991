using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Integration.Storage.InMemory;
using Microsoft.Extensions.Logging;

namespace Integration.Benchmarks;

/// <summary>
/// Appending one structured line to an execution in the in-memory store, on 1 and 8 concurrent appenders, against
/// the raw baseline (enqueueing the same entry into a <see cref="ConcurrentQueue{T}"/>) and against what users do
/// today (a <c>[LoggerMessage]</c> method of Microsoft.Extensions.Logging writing to an in-memory provider).
/// Each invocation appends <see cref="Lines"/> lines to one execution of a fresh store (a fresh queue, a fresh
/// provider), so memory stays bounded and every side pays for growing its storage.
/// </summary>
[MemoryDiagnoser]
public partial class LogAppendBenchmarks
{
    private const int Lines = 8192;
    private static readonly DateTimeOffset Time = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly ExecutionId Id = new(Guid.AllBitsSet);

    private readonly LogEntry _entry = new()
    {
        Time = Time,
        Level = ExecutionLogLevel.Information,
        Message = "Fetched page 3 of the sales (50 sales)",
        CorrelationId = "call-42",
    };

    [Params(1, 8)]
    public int Appenders { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int ConcurrentQueueEnqueue()
    {
        var queue = new ConcurrentQueue<LogEntry>();
        Run(() => queue.Enqueue(_entry));
        return queue.Count;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<long> InMemoryStoreAppend()
    {
        var store = new InMemoryExecutionStore();
        await store.CreateAsync(new Execution { Id = Id, InterfaceId = "sales", ScheduleId = "sales", StartedAt = Time });
        Run(() => _ = store.AppendAsync(Id, _entry));
        return (await store.ReadLogAsync(Id, new LogQuery { Limit = 1 })).Count;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int LoggerMessageToInMemoryProvider()
    {
        var provider = new InMemoryLoggerProvider();
        var logger = provider.CreateLogger("Integration.Benchmarks");
        Run(() => FetchedPage(logger, 3, 50, "call-42"));
        return provider.Count;
    }

    [LoggerMessage(1, LogLevel.Information, "Fetched page {Page} of the sales ({Count} sales) [{CorrelationId}]")]
    private static partial void FetchedPage(ILogger logger, int page, int count, string correlationId);

    private void Run(Action append)
    {
        if (Appenders == 1)
        {
            for (var i = 0; i < Lines; i++)
            {
                append();
            }

            return;
        }

        Parallel.For(0, Appenders, new ParallelOptions { MaxDegreeOfParallelism = Appenders }, worker =>
        {
            for (var i = 0; i < Lines / Appenders; i++)
            {
                append();
            }
        });
    }
}
