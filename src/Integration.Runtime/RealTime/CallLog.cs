namespace Integration;

/// <summary>
/// The log one real-time call writes through: every line goes to the daily execution's log, stamped with the call's
/// correlation id; the call's own error count and first error are kept, so its failure can point at them.
/// </summary>
internal sealed class CallLog(ExecutionLog day, string correlationId) : IExecutionLog
{
    private readonly int[] _errorCounts = new int[5];
    private readonly Lock _pendingGate = new();
    private List<Task>? _pending;
    private long _firstErrorSequence;

    public ExecutionId ExecutionId => day.ExecutionId;

    public ErrorCounts Errors => new(_errorCounts[0], _errorCounts[1], _errorCounts[2], _errorCounts[3], _errorCounts[4]);

    public long? FirstErrorSequence => Volatile.Read(ref _firstErrorSequence) is > 0 and var sequence ? sequence : null;

    public void Write(LogEntry entry)
    {
        entry = Stamp(entry);
        if (!entry.IsError)
        {
            day.Write(entry);
            return;
        }

        var append = day.WriteAsync(entry);
        if (append.IsCompletedSuccessfully)
        {
            Appended(entry, append.Result);
            return;
        }

        var tracked = TrackAsync(entry, append);
        lock (_pendingGate)
        {
            (_pending ??= []).Add(tracked);
        }
    }

    public async ValueTask<long> WriteAsync(LogEntry entry, CancellationToken cancellationToken = default)
    {
        entry = Stamp(entry);
        var sequence = await day.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        if (entry.IsError)
        {
            Appended(entry, sequence);
        }

        return sequence;
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
        Task[] pending;
        lock (_pendingGate)
        {
            pending = _pending is { Count: > 0 } ? [.. _pending] : [];
            _pending?.Clear();
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
        await day.FlushAsync(cancellationToken).ConfigureAwait(false);
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

    private void Appended(LogEntry entry, long sequence)
    {
        Interlocked.CompareExchange(ref _firstErrorSequence, sequence, 0);
        Interlocked.Increment(ref _errorCounts[(int)(entry.Category ?? ErrorCategory.Technical)]);
    }

    private async Task TrackAsync(LogEntry entry, ValueTask<long> append) => Appended(entry, await append.ConfigureAwait(false));
}
