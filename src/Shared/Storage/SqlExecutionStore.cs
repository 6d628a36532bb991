namespace Integration.Storage;

/// <summary>
/// What the SQL stores do alike: every statement comes from <see cref="ExecutionSql"/>, and runs on the store's
/// <see cref="ISqlDatabase"/>. A store adds only what truly differs: how a conflicting insert is resolved, and the
/// purge (one statement, or one transaction). Compiled into each SQL store package.
/// </summary>
/// <typeparam name="TDatabase">The store's database.</typeparam>
/// <typeparam name="TLogWriter">The store's log writer.</typeparam>
internal abstract class SqlExecutionStore<TDatabase, TLogWriter> : IExecutionStore, IAsyncDisposable, IDisposable
    where TDatabase : ISqlDatabase
    where TLogWriter : SqlLogWriter
{
    private readonly TDatabase _database;
    private readonly TLogWriter _log;

    protected SqlExecutionStore(ExecutionSql sql, TDatabase database, Func<TDatabase, TLogWriter> logWriter)
    {
        Sql = sql;
        _database = database;
        _log = logWriter(database);
    }

    /// <summary>Gets the database, for tests that hold its writer or inject faults.</summary>
    internal TDatabase Database => _database;

    /// <summary>Gets the log writer, for tests that read its queue or count its transactions.</summary>
    internal TLogWriter LogWriter => _log;

    protected ExecutionSql Sql { get; }

    /// <summary>Opens and migrates the database now, rather than on first use (a failed attempt is tried again on the next use).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public abstract ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default);

    public abstract ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default);

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => ReadOneAsync(Sql.SelectById(executionId), cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uniqueKey);
        return ReadOneAsync(Sql.SelectByUniqueKey(uniqueKey), cancellationToken);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        => new(_log.AppendAsync(executionId, entry, cancellationToken));

    public async ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
    {
        var changed = await _database.ExecuteAsync(Sql.MarkDurationExceeded(executionId), cancellationToken).ConfigureAwait(false);
        return changed == 1 || (await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null ? throw new ExecutionNotFoundException(executionId) : false);
    }

    public async ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Status == ExecutionStatus.Running)
        {
            throw new ArgumentException("An execution cannot be completed as Running.", nameof(completion));
        }

        var ended = await _database.WriteOneAsync(Sql.Complete(completion), ReadExecution, cancellationToken).ConfigureAwait(false);

        // A retried completion whose first attempt committed finds the execution ended, and reports it ended elsewhere.
        if (ended is null && await GetAsync(completion.ExecutionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(completion.ExecutionId);
        }

        return ended;
    }

    public async ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return await _database.ExecuteAsync(Sql.RenewLease(executionId, nodeId), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<LeaseRenewal> RenewLeaseAndReadCancelAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        return await _database.WriteOneAsync(Sql.RenewLeaseAndReadCancel(executionId, nodeId), ReadRenewal, cancellationToken).ConfigureAwait(false)
            ?? new LeaseRenewal(Renewed: false, CancelRequest: null);
    }

    public async ValueTask<CancelRequest?> RequestCancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default)
    {
        var stored = await _database.WriteOneAsync(Sql.RequestCancel(executionId, actor), ReadRenewal, cancellationToken).ConfigureAwait(false);
        if (stored is null && await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(executionId);
        }

        return stored?.CancelRequest;
    }

    public async ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTimeout, TimeSpan.Zero);
        // The error counts are kept by each batch of lines, in its transaction: they already match the lines.
        return await _database.ExecuteAsync(Sql.AbandonExpired(leaseTimeout), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var items = await _database.ReadAsync(Sql.Query(query), ReadExecution, cancellationToken).ConfigureAwait(false);
        ExecutionId? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = items[^1].Id;
        }

        return new ExecutionPage(items, next);
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default)
    {
        query.Validate();
        var lines = await _database.ReadAsync(Sql.ReadLog(executionId, query), r => StoreRows.ReadLine(r, Sql.Dialect.ReadTime), cancellationToken).ConfigureAwait(false);
        if (lines.Count == 0 && await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(executionId);
        }

        return lines;
    }

    public async ValueTask<ScheduleState> SetSchedulePausedAsync(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        ArgumentNullException.ThrowIfNull(scheduleId);
        var change = Guid.NewGuid().ToString("N");
        await _database.ExecuteAtomicallyAsync(Sql.SetSchedulePaused(interfaceId, scheduleId, paused, actor, reason, change), cancellationToken).ConfigureAwait(false);
        var states = await _database.ReadAsync(Sql.SelectScheduleStates(scheduleId), ReadScheduleState, cancellationToken).ConfigureAwait(false);
        return states.Count == 0 ? new ScheduleState(scheduleId, Paused: false, ChangedAt: null, ChangedBy: null, Reason: null) : states[0];
    }

    public async ValueTask<IReadOnlyDictionary<string, ScheduleState>> GetScheduleStatesAsync(CancellationToken cancellationToken = default)
    {
        var states = await _database.ReadAsync(Sql.SelectScheduleStates(null), ReadScheduleState, cancellationToken).ConfigureAwait(false);
        return states.ToDictionary(s => s.ScheduleId, StringComparer.Ordinal);
    }

    public async ValueTask<IReadOnlyList<ScheduleAuditEntry>> ReadScheduleAuditAsync(string interfaceId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await _database.ReadAsync(Sql.SelectScheduleAudit(interfaceId, limit), r => StoreRows.ReadScheduleAudit(r, Sql.Dialect.ReadTime), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    // For containers disposed synchronously: lines still queued fail instead of being waited for.
    public void Dispose()
    {
        _log.Complete();
        _database.Dispose();
    }

    protected Execution ReadExecution(System.Data.Common.DbDataReader reader) => StoreRows.ReadExecution(reader, Sql.Dialect.ReadId, Sql.Dialect.ReadTime);

    private LeaseRenewal ReadRenewal(System.Data.Common.DbDataReader reader) => StoreRows.ReadRenewal(reader, Sql.Dialect.ReadTime);

    private ScheduleState ReadScheduleState(System.Data.Common.DbDataReader reader) => StoreRows.ReadScheduleState(reader, Sql.Dialect.ReadTime);

    private async ValueTask<Execution?> ReadOneAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(statement, ReadExecution, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask<LinePage> SearchLinesAsync(LineSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();
        var matches = await _database.ReadAsync(Sql.SearchLines(search), ReadMatch, cancellationToken).ConfigureAwait(false);
        LineSearchCursor? next = null;
        if (matches.Count > search.Limit)
        {
            matches.RemoveAt(matches.Count - 1);
            next = matches[^1].Cursor;
        }

        return new LinePage(matches, next);
    }

    private LineMatch ReadMatch(System.Data.Common.DbDataReader reader)
        => new(Sql.Dialect.ReadId(reader, 19), reader.GetString(20), (ExecutionKind)reader.GetInt32(21), StoreRows.ReadLine(reader, Sql.Dialect.ReadTime));
}
