namespace Integration.Storage.Conformance;

/// <summary>Helpers the stores' own tests share.</summary>
public static class StoreTests
{
    /// <summary>
    /// Appends <paramref name="lines"/> lines ("line 0", "line 1"…) to one execution as a busy writer does: without
    /// waiting for each append, up to <paramref name="inFlight"/> at a time. Returns the sequences, in call order.
    /// </summary>
    public static async Task<long[]> AppendManyAsync(IExecutionStore store, ExecutionId executionId, int lines, int inFlight = 4096)
    {
        var sequences = new long[lines];
        var pending = new Queue<(int Index, Task<long> Append)>(inFlight);
        for (var i = 0; i < lines; i++)
        {
            if (pending.Count == inFlight)
            {
                var (index, append) = pending.Dequeue();
                sequences[index] = await append;
            }

            pending.Enqueue((i, store.AppendAsync(executionId, new LogEntry { Message = $"line {i}" }).AsTask()));
        }

        while (pending.TryDequeue(out var last))
        {
            sequences[last.Index] = await last.Append;
        }

        return sequences;
    }

    /// <summary>Reads every line of an execution's log, page by page.</summary>
    public static async Task<List<LogEntry>> ReadAllAsync(IExecutionStore store, ExecutionId executionId, ExecutionLogLevel minLevel = ExecutionLogLevel.Debug)
    {
        var lines = new List<LogEntry>();
        long after = 0;
        while (await store.ReadLogAsync(executionId, new LogQuery { AfterSequence = after, MinLevel = minLevel, Limit = LogQuery.MaxLimit }) is { Count: > 0 } page)
        {
            lines.AddRange(page);
            after = page[^1].Sequence;
        }

        return lines;
    }
}
