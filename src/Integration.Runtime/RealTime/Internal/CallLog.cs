namespace Integration;

/// <summary>
/// The log one real-time call writes through: every line goes to the daily execution's log, stamped with the call's
/// correlation id. The call keeps its own error count and first error, so its failure can point at them, and tracks
/// only its own lines: <see cref="FlushAsync"/> waits for them, never for the rest of the day's.
/// </summary>
internal sealed class CallLog(ExecutionLog day, string correlationId) : IExecutionLog
{
    private readonly int[] _errorCounts = new int[5];
    private readonly Lock _pendingGate = new();
    private List<Task<long>>? _pending;
    private long _firstErrorSequence;

    public ExecutionId ExecutionId => day.ExecutionId;

    public ErrorCounts Errors => new(
        Volatile.Read(ref _errorCounts[0]),
        Volatile.Read(ref _errorCounts[1]),
        Volatile.Read(ref _errorCounts[2]),
        Volatile.Read(ref _errorCounts[3]),
        Volatile.Read(ref _errorCounts[4]));

    public long? FirstErrorSequence => Volatile.Read(ref _firstErrorSequence) is > 0 and var sequence ? sequence : null;

    public void Write(LogEntry entry) => _ = Append(entry);

    public async ValueTask<long> WriteAsync(LogEntry entry, CancellationToken cancellationToken = default)
    {
        var append = Append(entry);
        return append.IsCompleted ? append.Result : await append.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ErrorCategory Error(Exception exception, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var category = day.Classify(exception);
        Write(new LogEntry { Level = ExecutionLogLevel.Error, Category = category, Message = message ?? exception.Message, Exception = ExceptionSummary.From(exception) });
        return category;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Task<long>[] pending;
        lock (_pendingGate)
        {
            if (_pending is not { Count: > 0 })
            {
                return;
            }

            pending = [.. _pending];
            _pending.Clear();
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<long> Append(LogEntry entry)
    {
        entry = Stamp(entry);
        var isError = entry.IsError;
        if (isError)
        {
            Interlocked.Increment(ref _errorCounts[(int)(entry.Category ?? ErrorCategory.Technical)]);
        }

        var append = day.Append(entry);
        if (append.IsCompleted)
        {
            Appended(isError, append.Result);
            return append;
        }

        // Only an error needs to know its sequence (the call's first error): any other line is tracked as it is.
        var tracked = isError ? TrackAsync(isError, append) : append.AsTask();
        lock (_pendingGate)
        {
            (_pending ??= []).Add(tracked);
        }

        return new(tracked);
    }

    private LogEntry Stamp(LogEntry entry)
    {
        if (entry.CorrelationId is null)
        {
            entry = entry with { CorrelationId = correlationId };
        }

        // A cascade inside a call follows from the call's own first error, when it has one.
        if (entry.Category == ErrorCategory.Cascade && entry.CausedBy is null && FirstErrorSequence is { } first)
        {
            entry = entry with { CausedBy = first };
        }

        return entry;
    }

    private void Appended(bool isError, long sequence)
    {
        if (isError && sequence > 0)
        {
            Interlocked.CompareExchange(ref _firstErrorSequence, sequence, 0);
        }
    }

    private async Task<long> TrackAsync(bool isError, ValueTask<long> append)
    {
        var sequence = await append.ConfigureAwait(false);
        Appended(isError, sequence);
        return sequence;
    }
}
