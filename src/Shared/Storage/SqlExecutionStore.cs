namespace Integration.Storage;

/// <summary>
/// What the SQL stores do alike: every statement comes from <see cref="ExecutionSql"/>, and runs on the store's
/// <see cref="ISqlDatabase"/>. A store adds only what truly differs: how a conflicting insert is resolved, and the
/// purge (one statement, or one transaction). Compiled into each SQL store package.
/// </summary>
/// <typeparam name="TDatabase">The store's database.</typeparam>
/// <typeparam name="TLogWriter">The store's log writer.</typeparam>
internal abstract partial class SqlExecutionStore<TDatabase, TLogWriter> : IExecutionStore, IAsyncDisposable, IDisposable
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

    public async ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default)
        => await _database.WriteOneAsync(Sql.RecordExecutionAction(executionId, kind, actor, detail), ReadExecutionAction, cancellationToken).ConfigureAwait(false)
            ?? throw new ExecutionNotFoundException(executionId);

    public async ValueTask<IReadOnlyList<ExecutionAction>> ReadExecutionActionsAsync(ExecutionId executionId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var actions = await _database.ReadAsync(Sql.SelectExecutionActions(executionId, limit), ReadExecutionAction, cancellationToken).ConfigureAwait(false);
        if (actions.Count == 0 && await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(executionId);
        }

        return actions;
    }

    public async ValueTask<RunRequest> RequestRunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.InterfaceId);
        await _database.ExecuteAsync(Sql.RunRequests.Insert(request), cancellationToken).ConfigureAwait(false);
        return await GetRunRequestAsync(request.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run request {request.Id} was stored but cannot be read back.");
    }

    public async ValueTask<IReadOnlyList<RunRequest>> ClaimRunRequestsAsync(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(interfaceIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimTimeout, TimeSpan.Zero);
        if (interfaceIds.Count == 0)
        {
            return [];
        }

        // A retried claim marks with the same id: what its first attempt took is read back with what the retry took. A
        // retry that took nothing reads nothing (an idle poll stays one statement): those rows are claimed again once
        // the claim expires, and their unique key still starts each once.
        var claimId = Guid.NewGuid().ToString("N");
        var claimed = await _database.ExecuteAsync(Sql.RunRequests.Claim(nodeId, interfaceIds, limit, claimTimeout, claimId), cancellationToken).ConfigureAwait(false);
        return claimed == 0 ? [] : await _database.ReadAsync(Sql.RunRequests.SelectClaimed(claimId), Sql.RunRequests.Read, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default)
        => await _database.ExecuteAsync(Sql.RunRequests.MarkStarted(requestId, executionId), cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<RunRequest?> GetRunRequestAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var rows = await _database.ReadAsync(Sql.RunRequests.SelectById(requestId), Sql.RunRequests.Read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
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

    private ExecutionAction ReadExecutionAction(System.Data.Common.DbDataReader reader) => StoreRows.ReadExecutionAction(reader, Sql.Dialect.ReadId, Sql.Dialect.ReadTime);

    private LeaseRenewal ReadRenewal(System.Data.Common.DbDataReader reader) => StoreRows.ReadRenewal(reader, Sql.Dialect.ReadTime);

    private ScheduleState ReadScheduleState(System.Data.Common.DbDataReader reader) => StoreRows.ReadScheduleState(reader, Sql.Dialect.ReadTime);

    private async ValueTask<Execution?> ReadOneAsync(SqlStatement statement, CancellationToken cancellationToken)
    {
        var rows = await _database.ReadAsync(statement, ReadExecution, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default)
    {
        InterfaceActivityQuery.Validate(interfaces);
        var byId = new Dictionary<string, InterfaceActivity>(interfaces.Count, StringComparer.Ordinal);
        foreach (var batch in interfaces.Chunk(ExecutionSql.ActivityBatch))
        {
            var rows = await _database.ReadAsync(Sql.InterfaceActivity(batch), ReadActivityRow, cancellationToken).ConfigureAwait(false);

            // The role 0 row of each interface carries its counts; its KO and running rows add to it.
            foreach (var row in rows.OrderBy(r => r.Role))
            {
                byId[row.InterfaceId] = row.Role switch
                {
                    0 => new InterfaceActivity
                    {
                        InterfaceId = row.InterfaceId,
                        LastExecution = row.Execution,
                        OkSince = row.Ok,
                        KoSince = row.Ko,
                        HasScheduledExecutions = row.HasScheduled,
                        LastKoFirstError = row.FirstError,
                    },
                    1 => byId[row.InterfaceId] with { LastKo = row.Execution },
                    _ => byId[row.InterfaceId] with { Running = row.Execution },
                };
            }
        }

        return interfaces.Select(q => byId[q.InterfaceId]).ToList();
    }

    private (string InterfaceId, int Role, Execution? Execution, int Ok, int Ko, bool HasScheduled, ErrorCategory? FirstError) ReadActivityRow(System.Data.Common.DbDataReader r)
    {
        var at = ExecutionSql.ActivityColumnsAt;
        return (
            r.GetString(at),
            r.GetInt32(at + 1),
            r.IsDBNull(0) ? null : ReadExecution(r),
            checked((int)r.GetInt64(at + 2)),
            checked((int)r.GetInt64(at + 3)),
            r.GetBoolean(at + 4),
            r.IsDBNull(at + 5) ? null : (ErrorCategory)r.GetInt32(at + 5));
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
