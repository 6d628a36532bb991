using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// The <see cref="IExecutionStore"/> for several nodes sharing one PostgreSQL database. Unique keys are a unique
/// constraint used through <c>INSERT … ON CONFLICT DO NOTHING</c> and a re-read, so no caller ever sees a unique
/// violation, and a retried insert whose first attempt committed finds its own row; leases and the abandon sweep use
/// the database's clock (<c>now()</c>), never a node's; log lines are group-committed through binary COPY by
/// <see cref="PostgreSqlLogWriter"/>, which keeps the error counts with the lines.
/// </summary>
internal sealed class PostgreSqlExecutionStore : IExecutionStore, IAsyncDisposable, IDisposable
{
    private const string Running = "0";
    private readonly PostgreSqlDatabase _database;
    private readonly PostgreSqlLogWriter _log;

    public PostgreSqlExecutionStore(string connectionString, TimeProvider time, int queueCapacity = LogQueue.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        _database = new PostgreSqlDatabase(connectionString, time);
        _log = new PostgreSqlLogWriter(_database, time, queueCapacity);
    }

    /// <summary>Gets the database, for tests that inject faults.</summary>
    internal PostgreSqlDatabase Database => _database;

    /// <summary>Gets the log writer, for tests that read its queue.</summary>
    internal PostgreSqlLogWriter LogWriter => _log;

    /// <summary>Connects and migrates the schema now, rather than on first use (a failed attempt is tried again on the next use).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public async ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);

        // Any conflict, on the unique key or on the id, inserts nothing; the re-read below tells which.
        var inserted = await ExecuteAsync(
            "INSERT INTO executions (" + PostgreSqlRows.ExecutionColumns + ") VALUES (@id, @interface_id, @schedule_id, @kind, @trigger, @window_from, @window_to, " +
            "@rerun_of, @unique_key, @status, @reason, @started_at, @ended_at, @duration_exceeded, @err_external, @err_configuration, @err_mapping, @err_technical, " +
            "@err_cascade, @node_id, @heartbeat_at) ON CONFLICT DO NOTHING",
            p => PostgreSqlRows.AddExecutionParameters(p, execution),
            cancellationToken,
            _database.Faults.AfterInsert).ConfigureAwait(false);
        if (inserted == 1)
        {
            return new ExecutionCreation(execution, Created: true);
        }

        // A retried insert whose first attempt did commit (only its acknowledgement was lost) finds its own row.
        if (execution.UniqueKey is { } key && await FindByUniqueKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } holder)
        {
            return new ExecutionCreation(holder, Created: holder.Id == execution.Id);
        }

        return await GetAsync(execution.Id, cancellationToken).ConfigureAwait(false) is { } existing && IsSameCreation(existing, execution)
            ? new ExecutionCreation(execution, Created: true)
            : throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution));
    }

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => ReadOneAsync("id = @v", executionId.Value, cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uniqueKey);
        return ReadOneAsync("unique_key = @v", uniqueKey, cancellationToken);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        => new(_log.AppendAsync(executionId, entry, cancellationToken));

    public async ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
    {
        var changed = await ExecuteAsync("UPDATE executions SET duration_exceeded = true WHERE id = @id AND status = " + Running + " AND NOT duration_exceeded", p => p.Parameters.AddWithValue("id", executionId.Value), cancellationToken).ConfigureAwait(false);
        return changed == 1 || (await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null ? throw new ExecutionNotFoundException(executionId) : false);
    }

    public async ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Status == ExecutionStatus.Running)
        {
            throw new ArgumentException("An execution cannot be completed as Running.", nameof(completion));
        }

        // Each count becomes the larger of the stored one (the error lines) and the completion's; OK with errors ends KO.
        const string Errors = "GREATEST(err_external, @e0) + GREATEST(err_configuration, @e1) + GREATEST(err_mapping, @e2) + GREATEST(err_technical, @e3) + GREATEST(err_cascade, @e4)";
        const string Upgrade = "@status = 1 AND " + Errors + " > 0";
        var ended = await ReadOneAsync(
            "UPDATE executions SET status = CASE WHEN " + Upgrade + " THEN 2 ELSE @status END, reason = CASE WHEN " + Upgrade + " THEN 1 ELSE @reason END, " +
            "ended_at = @ended_at, err_external = GREATEST(err_external, @e0), err_configuration = GREATEST(err_configuration, @e1), " +
            "err_mapping = GREATEST(err_mapping, @e2), err_technical = GREATEST(err_technical, @e3), err_cascade = GREATEST(err_cascade, @e4), " +
            "duration_exceeded = duration_exceeded OR @exceeded WHERE id = @id AND status = " + Running + " RETURNING " + PostgreSqlRows.ExecutionColumns,
            c =>
            {
                var p = c.Parameters;
                p.AddWithValue("id", completion.ExecutionId.Value);
                p.AddWithValue("status", (int)completion.Status);
                p.AddWithValue("reason", (int)completion.Reason);
                p.AddWithValue("ended_at", PostgreSqlRows.Utc(completion.EndedAt));
                p.AddWithValue("e0", completion.Errors.External);
                p.AddWithValue("e1", completion.Errors.Configuration);
                p.AddWithValue("e2", completion.Errors.Mapping);
                p.AddWithValue("e3", completion.Errors.Technical);
                p.AddWithValue("e4", completion.Errors.Cascade);
                p.AddWithValue("exceeded", completion.DurationExceeded);
            },
            cancellationToken).ConfigureAwait(false);

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
        var changed = await ExecuteAsync(
            "UPDATE executions SET lease_at = now(), heartbeat_at = now() WHERE id = @id AND status = " + Running + " AND node_id = @node",
            c =>
            {
                c.Parameters.AddWithValue("id", executionId.Value);
                c.Parameters.AddWithValue("node", nodeId);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTimeout, TimeSpan.Zero);
        // The error counts are kept by each batch of lines, in its transaction, under the row's lock: an abandon racing a
        // batch waits for it and sees its counts (a recount here would read a snapshot taken before the batch committed).
        return await ExecuteAsync(
            "UPDATE executions SET status = 4, reason = 5, ended_at = now() WHERE status = " + Running + " AND kind = " + (int)ExecutionKind.Scheduled +
            " AND lease_at <= now() - @timeout",
            c => c.Parameters.AddWithValue("timeout", NpgsqlDbType.Interval, leaseTimeout),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return await ExecuteAsync(
            "WITH batch AS (SELECT id FROM executions WHERE status <> " + Running + " AND ended_at < @cutoff ORDER BY ended_at LIMIT @n FOR UPDATE SKIP LOCKED), " +
            "lines AS (DELETE FROM log_lines WHERE execution_id IN (SELECT id FROM batch)) " +
            "DELETE FROM executions WHERE id IN (SELECT id FROM batch)",
            c =>
            {
                c.Parameters.AddWithValue("cutoff", PostgreSqlRows.Utc(endedBefore));
                c.Parameters.AddWithValue("n", batchSize);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var select = connection.CreateCommand();
            var sql = new StringBuilder("SELECT ").Append(PostgreSqlRows.ExecutionColumns).Append(" FROM executions WHERE true");
            Filter(select, sql, "interface_id = @interface", "interface", query.InterfaceId);
            Filter(select, sql, "schedule_id = @schedule", "schedule", query.ScheduleId);
            Filter(select, sql, "status = @status", "status", query.Status is { } status ? (int)status : null);
            Filter(select, sql, "kind = @kind", "kind", query.Kind is { } kind ? (int)kind : null);
            Filter(select, sql, "rerun_of = @rerun_of", "rerun_of", query.RerunOf?.Value);
            Filter(select, sql, "started_at >= @from", "from", query.StartedFrom is { } from ? PostgreSqlRows.Utc(from) : null);
            Filter(select, sql, "started_at < @before", "before", query.StartedBefore is { } before ? PostgreSqlRows.Utc(before) : null);
            Filter(select, sql, "id < @cursor", "cursor", query.Before?.Value);
            select.CommandText = sql.Append(" ORDER BY id DESC LIMIT @limit").ToString();
            select.Parameters.AddWithValue("limit", query.Limit + 1);
            var items = new List<Execution>(Math.Min(query.Limit + 1, 256));
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(PostgreSqlRows.ReadExecution(reader));
                }
            }

            ExecutionId? next = null;
            if (items.Count > query.Limit)
            {
                items.RemoveAt(items.Count - 1);
                next = items[^1].Id;
            }

            return new ExecutionPage(items, next);
        }
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default)
    {
        query.Validate();
        var lines = new List<LogEntry>(Math.Min(query.Limit, 256));
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var select = new NpgsqlCommand("SELECT " + PostgreSqlRows.LineColumns + " FROM log_lines WHERE execution_id = @id AND sequence > @after AND level >= @level ORDER BY sequence LIMIT @limit", connection);
            select.Parameters.AddWithValue("id", executionId.Value);
            select.Parameters.AddWithValue("after", query.AfterSequence);
            select.Parameters.AddWithValue("level", (int)query.MinLevel);
            select.Parameters.AddWithValue("limit", query.Limit);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lines.Add(PostgreSqlRows.ReadLine(reader));
            }
        }

        if (lines.Count == 0 && await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(executionId);
        }

        return lines;
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

    private static void Filter(NpgsqlCommand command, StringBuilder sql, string condition, string name, object? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    // A retried insert is recognised by its id and identity; the times are compared to the microsecond PostgreSQL keeps.
    private static bool IsSameCreation(Execution stored, Execution created)
        => stored.Id == created.Id && stored.InterfaceId == created.InterfaceId && stored.ScheduleId == created.ScheduleId && stored.Kind == created.Kind
        && stored.Trigger == created.Trigger && stored.RerunOf == created.RerunOf && stored.UniqueKey == created.UniqueKey && stored.NodeId == created.NodeId
        && Microseconds(stored.StartedAt) == Microseconds(created.StartedAt) && Microseconds(stored.Window.From) == Microseconds(created.Window.From)
        && Microseconds(stored.Window.To) == Microseconds(created.Window.To);

    private static long Microseconds(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMicrosecond;

    private ValueTask<Execution?> ReadOneAsync(string condition, object value, CancellationToken cancellationToken)
        => ReadOneAsync("SELECT " + PostgreSqlRows.ExecutionColumns + " FROM executions WHERE " + condition, c => c.Parameters.AddWithValue("v", value), cancellationToken);

    private ValueTask<Execution?> ReadOneAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
        => _database.Retry.ExecuteAsync(ct => ReadOneOnceAsync(sql, bind, ct), cancellationToken);

    private async ValueTask<Execution?> ReadOneOnceAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var select = new NpgsqlCommand(sql, connection);
            bind(select);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgreSqlRows.ReadExecution(reader) : null;
        }
    }

    // Every statement is safe to retry: inserts do nothing on conflict, updates are guarded by the row's state.
    private async Task<int> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken, Action? afterCommit = null)
        => await _database.Retry.ExecuteAsync(async ct => await ExecuteOnceAsync(sql, bind, afterCommit, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<int> ExecuteOnceAsync(string sql, Action<NpgsqlCommand> bind, Action? afterCommit, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command);
            var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            afterCommit?.Invoke();
            return changed;
        }
    }
}
