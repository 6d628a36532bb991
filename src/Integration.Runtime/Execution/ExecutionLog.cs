using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// The log a connector writes into. Lines go straight to the store; those the store has not acknowledged yet
/// are tracked so that <see cref="FlushAsync"/> (called by the runner before the execution ends) waits for them.
/// It also keeps the error counts and the first error, so the runner can tell KO from OK and mark cascades.
/// Every line is sanitised (capped, secrets masked, control characters escaped) before it reaches the store; past
/// the execution's line cap, lines other than errors are dropped and counted.
/// </summary>
internal sealed class ExecutionLog : IExecutionLog
{
    private readonly IExecutionStore _store;
    private readonly TimeProvider _time;
    private readonly ErrorClassifierChain _classifier;
    private readonly IntegrationTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly ErrorClassificationContext _context;
    private readonly LogLineSanitizer _sanitizer;
    private readonly long _maxLines;
    private readonly int[] _errorCounts = new int[5];
    private readonly Lock _pendingGate = new();
    private List<Task>? _pending;
    private int _firstErrorClaimed;
    private long _firstErrorSequence;
    private long _lines;
    private long _dropped;
    private long _droppedReported;

    public ExecutionLog(IExecutionStore store, TimeProvider time, ErrorClassifierChain classifier, IntegrationTelemetry telemetry, ILogger logger, LogLineSanitizer sanitizer, InterfaceDefinition definition, ExecutionId executionId)
    {
        _sanitizer = sanitizer;
        _maxLines = sanitizer.MaxLinesPerExecution;
        _store = store;
        _time = time;
        _classifier = classifier;
        _telemetry = telemetry;
        _logger = logger;
        _context = new ErrorClassificationContext(definition, executionId);
        ExecutionId = executionId;
    }

    public ExecutionId ExecutionId { get; }

    public ErrorCounts Errors => new(
        Volatile.Read(ref _errorCounts[(int)ErrorCategory.External]),
        Volatile.Read(ref _errorCounts[(int)ErrorCategory.Configuration]),
        Volatile.Read(ref _errorCounts[(int)ErrorCategory.Mapping]),
        Volatile.Read(ref _errorCounts[(int)ErrorCategory.Technical]),
        Volatile.Read(ref _errorCounts[(int)ErrorCategory.Cascade]));

    public long? FirstErrorSequence => Volatile.Read(ref _firstErrorSequence) is > 0 and var sequence ? sequence : null;

    /// <summary>Raised when the store refuses a line because the execution was abandoned (its node lost the lease).</summary>
    public event Action? Fenced;

    /// <summary>Gets the first store failure met while appending, if any.</summary>
    public Exception? StoreFailure { get; private set; }

    /// <summary>Gets how many lines the store failed to record (after its own retries).</summary>
    public int LostLines => Volatile.Read(ref _lostLines);

    private int _lostLines;

    public void Write(LogEntry entry)
    {
        if (Admit(entry))
        {
            WriteCore(entry);
        }
    }

    public async ValueTask<long> WriteAsync(LogEntry entry, CancellationToken cancellationToken = default)
    {
        if (!Admit(entry))
        {
            return 0;
        }

        var (line, isFirstError) = Prepare(entry);
        var sequence = await _store.AppendAsync(ExecutionId, line, cancellationToken).ConfigureAwait(false);
        Appended(sequence, isFirstError);
        return sequence;
    }

    /// <summary>Writes the one line that counts the lines dropped by the line cap, if any were dropped since it was last written.</summary>
    public void WriteDroppedCount()
    {
        var dropped = Volatile.Read(ref _dropped);
        if (dropped > 0 && Interlocked.Exchange(ref _droppedReported, dropped) != dropped)
        {
            WriteCore(new LogEntry
            {
                Level = ExecutionLogLevel.Warning,
                Message = $"{dropped} line(s) were dropped: the execution reached its cap of {_maxLines} lines (errors are always kept).",
            });
        }
    }

    private void WriteCore(LogEntry entry)
    {
        var (line, isFirstError) = Prepare(entry);
        var append = _store.AppendAsync(ExecutionId, line, CancellationToken.None);
        if (append.IsCompletedSuccessfully)
        {
            Appended(append.Result, isFirstError);
            return;
        }

        var tracked = TrackAsync(append, isFirstError);
        lock (_pendingGate)
        {
            (_pending ??= []).Add(tracked);
        }
    }

    public ErrorCategory Error(Exception exception, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var category = _classifier.Classify(exception, _context);
        Write(new LogEntry
        {
            Level = ExecutionLogLevel.Error,
            Category = category,
            Message = message ?? exception.Message,
            Exception = ExceptionSummary.From(exception),
        });
        return category;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task[] pending;
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
    }

    /// <summary>Classifies an exception without writing anything.</summary>
    public ErrorCategory Classify(Exception exception) => _classifier.Classify(exception, _context);

    /// <summary>Counts the line against the cap: errors always pass; the first line dropped writes a warning saying so.</summary>
    private bool Admit(in LogEntry entry)
    {
        if (Interlocked.Increment(ref _lines) <= _maxLines || entry.IsError)
        {
            return true;
        }

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            WriteCore(new LogEntry
            {
                Level = ExecutionLogLevel.Warning,
                Message = $"The execution reached its cap of {_maxLines} lines: further lines are dropped and counted (errors are always kept).",
            });
        }

        return false;
    }

    private (LogEntry Line, bool IsFirstError) Prepare(LogEntry entry)
    {
        entry = _sanitizer.Sanitize(entry);
        if (entry.Time == default)
        {
            entry = entry with { Time = _time.GetUtcNow() };
        }

        if (entry.Level != ExecutionLogLevel.Error)
        {
            return (entry.Category is null && entry.CausedBy is null ? entry : entry with { Category = null, CausedBy = null }, false);
        }

        var category = entry.Category ?? ErrorCategory.Technical;
        var isFirst = Interlocked.CompareExchange(ref _firstErrorClaimed, 1, 0) == 0;
        if (category == ErrorCategory.Cascade)
        {
            if (isFirst)
            {
                // The first error of an execution is never a cascade: there is nothing above it to look at.
                category = ErrorCategory.Technical;
                entry = entry with { CausedBy = null };
            }
            else if (entry.CausedBy is null && FirstErrorSequence is { } first)
            {
                entry = entry with { CausedBy = first };
            }
        }
        else if (entry.CausedBy is not null)
        {
            entry = entry with { CausedBy = null };
        }

        Interlocked.Increment(ref _errorCounts[(int)category]);
        _telemetry.Error(_context.Interface.Id, category);
        return (entry with { Category = category }, isFirst);
    }

    private void Appended(long sequence, bool isFirstError)
    {
        if (sequence == 0)
        {
            Fenced?.Invoke();
            return;
        }

        if (isFirstError)
        {
            Volatile.Write(ref _firstErrorSequence, sequence);
        }
    }

    private async Task TrackAsync(ValueTask<long> append, bool isFirstError)
    {
        try
        {
            Appended(await append.ConfigureAwait(false), isFirstError);
        }
        catch (Exception e)
        {
            StoreFailure ??= e;
            Interlocked.Increment(ref _lostLines);
            Log.StoreFailed(_logger, e, ExecutionId);
            throw;
        }
    }
}
