namespace Integration;

/// <summary>
/// The log a connector writes into. Lines go straight to the store; those the store has not acknowledged yet are
/// tracked only while they are in flight, so that <see cref="FlushAsync"/> can wait for them. It keeps the error
/// counts and the first error, so the life cycle can tell KO from OK and mark cascades.
/// </summary>
/// <remarks>
/// Every line is sanitised (capped, secrets masked, control characters escaped) before it reaches the store.
/// Lines other than errors are dropped and counted past the execution's line cap (for a daily execution, the cap
/// holds across nodes: the store's sequences count every node's lines), and while more than
/// <see cref="MaxPendingLines"/> lines of this log wait for the store (back-pressure: <see cref="Write"/> never
/// blocks the connector). Errors are never dropped. Error lines are claimed and handed to the store under one lock,
/// so the first error always gets a lower sequence than the cascades that point at it.
/// </remarks>
internal sealed class ExecutionLog : IExecutionLog
{
    /// <summary>The most lines of one log that may wait for the store before lines other than errors are dropped.</summary>
    public const int MaxPendingLines = 10_000;

    private readonly ExecutionLifecycle _lifecycle;
    private readonly IExecutionStore _store;
    private readonly ErrorClassificationContext _context;
    private readonly long _maxLines;
    private readonly int[] _errorCounts = new int[5];
    private readonly Lock _errorGate = new();
    private readonly PendingAppends _pending = new();
    private int _firstErrorClaimed;
    private int _firstErrorCategory = -1;
    private long _firstErrorSequence;
    private long _lines;
    private long _highestSequence;
    private long _capped;
    private long _cappedReported;
    private long _shed;
    private long _shedReported;
    private int _shedding;
    private int _lostLines;
    private int _lostReported;
    private Exception? _storeFailure;

    public ExecutionLog(ExecutionLifecycle lifecycle, InterfaceDefinition definition, ExecutionId executionId, long maxLines)
    {
        _lifecycle = lifecycle;
        _store = lifecycle.Store;
        _maxLines = maxLines;
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

    /// <summary>Gets the category of the execution's first error line (never Cascade); null while it has none.</summary>
    public ErrorCategory? FirstErrorCategory => Volatile.Read(ref _firstErrorCategory) is >= 0 and var category ? (ErrorCategory)category : null;

    /// <summary>Raised when the store refuses a line because the execution was abandoned (its node lost the lease).</summary>
    public event Action? Fenced;

    /// <summary>Gets how many lines the store failed to record (after its own retries).</summary>
    public int LostLines => Volatile.Read(ref _lostLines);

    /// <summary>Gets how many lines wait for the store.</summary>
    public int PendingLines => _pending.Count;

    public void Write(LogEntry entry) => _ = Append(entry);

    public async ValueTask<long> WriteAsync(LogEntry entry, CancellationToken cancellationToken = default)
    {
        var append = Append(entry);
        return append.IsCompleted ? append.Result : await append.AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a line and gives its sequence once the store has appended it: 0 when it was not stored (dropped by the
    /// cap or back-pressure, refused because the execution was abandoned, or lost to a store failure — each counted).
    /// The returned task never faults.
    /// </summary>
    public ValueTask<long> Append(in LogEntry entry)
    {
        if (!Admit(entry))
        {
            return new(0L);
        }

        if (!entry.IsError)
        {
            return Issue(Prepare(entry), isFirstError: false);
        }

        lock (_errorGate)
        {
            var (line, isFirst) = PrepareError(entry);
            return Issue(line, isFirst);
        }
    }

    public ErrorCategory Error(Exception exception, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var category = Classify(exception);
        Write(new LogEntry
        {
            Level = ExecutionLogLevel.Error,
            Category = category,
            Message = message ?? exception.Message,
            Exception = ExceptionSummary.From(exception),
        });
        return category;
    }

    /// <summary>Waits for the lines written before this call. Lines the store fails to record are counted, not thrown.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => new(_pending.FlushAsync(cancellationToken));

    /// <summary>Classifies an exception without writing anything.</summary>
    public ErrorCategory Classify(Exception exception) => _lifecycle.Classifier.Classify(exception, _context);

    /// <summary>Classifies an exception, saying whether its category was stated (see <see cref="ErrorClassifierChain"/>).</summary>
    public ErrorCategory Classify(Exception exception, out bool stated) => _lifecycle.Classifier.Classify(exception, _context, out stated);

    /// <summary>Writes the lines that count what the cap and back-pressure dropped since they were last written.</summary>
    public void WriteDropCounts()
    {
        var capped = Volatile.Read(ref _capped);
        if (capped > 0 && Interlocked.Exchange(ref _cappedReported, capped) != capped)
        {
            Issue(Prepare(Warning($"{capped} line(s) were dropped: the execution reached its cap of {_maxLines} lines (errors are always kept).")), false);
        }

        var shed = Volatile.Read(ref _shed);
        if (shed > 0 && Interlocked.Exchange(ref _shedReported, shed) != shed)
        {
            Issue(Prepare(Warning($"{shed} line(s) were dropped while the store could not keep up (errors are always kept).")), false);
        }
    }

    /// <summary>Takes the count of lines lost since it was last taken, with the first store failure.</summary>
    public (int Count, Exception? Failure) TakeLostLines()
    {
        var lost = Volatile.Read(ref _lostLines);
        var reported = Interlocked.Exchange(ref _lostReported, lost);
        return (lost - reported, _storeFailure);
    }

    private static LogEntry Warning(string message) => new() { Level = ExecutionLogLevel.Warning, Message = message };

    /// <summary>Counts the line against the cap and the back-pressure bound: errors always pass.</summary>
    private bool Admit(in LogEntry entry)
    {
        var lines = Interlocked.Increment(ref _lines);
        if (entry.IsError)
        {
            return true;
        }

        if (lines > _maxLines || Volatile.Read(ref _highestSequence) >= _maxLines)
        {
            if (Interlocked.Increment(ref _capped) == 1)
            {
                Issue(Prepare(Warning($"The execution reached its cap of {_maxLines} lines: further lines are dropped and counted (errors are always kept).")), false);
            }

            return false;
        }

        if (_pending.Count >= MaxPendingLines)
        {
            Interlocked.Increment(ref _shed);
            if (Interlocked.Exchange(ref _shedding, 1) == 0)
            {
                Issue(Prepare(Warning($"The execution store is not keeping up: more than {MaxPendingLines} lines wait for it, so lines other than errors are dropped and counted until it catches up.")), false);
            }

            return false;
        }

        Volatile.Write(ref _shedding, 0);
        return true;
    }

    private LogEntry Prepare(LogEntry entry)
    {
        entry = _lifecycle.Sanitizer.Sanitize(entry);
        if (entry.Time == default)
        {
            entry = entry with { Time = _lifecycle.Time.GetUtcNow() };
        }

        return entry.Category is null && entry.CausedBy is null ? entry : entry with { Category = null, CausedBy = null };
    }

    private (LogEntry Line, bool IsFirstError) PrepareError(LogEntry entry)
    {
        var category = entry.Category ?? ErrorCategory.Technical;
        entry = _lifecycle.Sanitizer.Sanitize(entry);
        if (entry.Time == default)
        {
            entry = entry with { Time = _lifecycle.Time.GetUtcNow() };
        }

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

        if (isFirst)
        {
            Volatile.Write(ref _firstErrorCategory, (int)category);
        }

        Interlocked.Increment(ref _errorCounts[(int)category]);
        _lifecycle.Telemetry.Error(_context.Interface.Id, category);
        return (entry with { Category = category }, isFirst);
    }

    private ValueTask<long> Issue(LogEntry line, bool isFirstError)
    {
        ValueTask<long> append;
        try
        {
            append = _store.AppendAsync(ExecutionId, line, CancellationToken.None);
        }
        catch (Exception e)
        {
            Lost(e);
            return new(0L);
        }

        if (append.IsCompletedSuccessfully)
        {
            return new(Appended(append.Result, isFirstError));
        }

        return new(Track(append, isFirstError));
    }

    /// <summary>
    /// Tracks an append the store has not completed yet. A method of its own: a lambda in <see cref="Issue"/> would
    /// make the compiler allocate its closure on every line, those the store appends at once included.
    /// </summary>
    private Task<long> Track(ValueTask<long> append, bool isFirstError) => _pending.Track(() => TrackAsync(append, isFirstError));

    private long Appended(long sequence, bool isFirstError)
    {
        if (sequence == 0)
        {
            Fenced?.Invoke();
            return 0;
        }

        if (isFirstError)
        {
            Volatile.Write(ref _firstErrorSequence, sequence);
        }

        // Racy but monotonic enough: it only tells the cap how far the store's count (every node's lines) has come.
        if (sequence > Volatile.Read(ref _highestSequence))
        {
            Volatile.Write(ref _highestSequence, sequence);
        }

        return sequence;
    }

    private async Task<long> TrackAsync(ValueTask<long> append, bool isFirstError)
    {
        try
        {
            return Appended(await append.ConfigureAwait(false), isFirstError);
        }
        catch (Exception e)
        {
            Lost(e);
            return 0;
        }
    }

    private void Lost(Exception e)
    {
        // The host's log hears of the first loss; the execution's own log counts them all once the store answers again.
        Interlocked.CompareExchange(ref _storeFailure, e, null);
        if (Interlocked.Increment(ref _lostLines) == 1)
        {
            Log.StoreFailed(_lifecycle.Logger, e, ExecutionId);
        }
    }
}
