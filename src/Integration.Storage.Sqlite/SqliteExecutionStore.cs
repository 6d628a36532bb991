using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The durable embedded <see cref="IExecutionStore"/>: one SQLite file. Unique keys are a unique constraint
/// (<c>INSERT … ON CONFLICT DO NOTHING</c>, then a re-read); log lines are group-committed by
/// <see cref="SqliteLogWriter"/>, which keeps the error counts with the lines; leases are read from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SqliteExecutionStore : IExecutionStore, IAsyncDisposable, IDisposable
{
    private const string Running = "0";
    private readonly SqliteDatabase _database;
    private readonly SqliteLogWriter _log;
    private readonly TimeProvider _time;

    public SqliteExecutionStore(string connectionString, TimeProvider time, int queueCapacity = LogQueue.DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        _database = new SqliteDatabase(connectionString, time);
        _log = new SqliteLogWriter(_database, queueCapacity);
        _time = time;
    }

    /// <summary>Gets the database, for tests that need to hold its writer.</summary>
    internal SqliteDatabase Database => _database;

    /// <summary>Gets the log writer, for tests that count its transactions.</summary>
    internal SqliteLogWriter LogWriter => _log;

    /// <summary>Opens and migrates the database now, rather than on first use (a failed attempt is tried again on the next use).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    public async ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var leaseAt = _time.GetUtcNow();
        var inserted = await _database.WriteAsync(c =>
        {
            using var insert = c.CreateCommand();
            insert.CommandText = "INSERT INTO executions (" + SqliteRows.ExecutionColumns + ", lease_at) VALUES ($id, $interface_id, $schedule_id, $kind, $trigger, " +
                "$window_from, $window_to, $rerun_of, $unique_key, $status, $reason, $started_at, $ended_at, $duration_exceeded, $err_external, " +
                "$err_configuration, $err_mapping, $err_technical, $err_cascade, $node_id, $heartbeat_at, $lease_at) ON CONFLICT (unique_key) DO NOTHING";
            SqliteRows.AddExecutionParameters(insert, execution, leaseAt);
            try
            {
                return insert.ExecuteNonQuery() == 1;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution), e);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (inserted)
        {
            return new ExecutionCreation(execution, Created: true);
        }

        var holder = await FindByUniqueKeyAsync(execution.UniqueKey!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"SQLite execution store: unique key '{execution.UniqueKey}' is taken, yet no execution holds it.");
        return new ExecutionCreation(holder, Created: false);
    }

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => ReadOneAsync("id = $v", executionId.ToString(), cancellationToken);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uniqueKey);
        return ReadOneAsync("unique_key = $v", uniqueKey, cancellationToken);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
        => new(_log.AppendAsync(executionId, entry, cancellationToken));

    public async ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
    {
        var changed = await UpdateAsync("UPDATE executions SET duration_exceeded = 1 WHERE id = $id AND status = " + Running + " AND duration_exceeded = 0", executionId, null, cancellationToken).ConfigureAwait(false);
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
        const string Errors = "max(err_external, $e0) + max(err_configuration, $e1) + max(err_mapping, $e2) + max(err_technical, $e3) + max(err_cascade, $e4)";
        const string Upgrade = "$status = 1 AND " + Errors + " > 0";
        var ended = await _database.WriteAsync(c =>
        {
            using var update = c.CreateCommand();
            update.CommandText =
                "UPDATE executions SET status = CASE WHEN " + Upgrade + " THEN " + (int)ExecutionStatus.KO + " ELSE $status END, " +
                "reason = CASE WHEN " + Upgrade + " THEN " + (int)ExecutionReason.Error + " ELSE $reason END, ended_at = $ended_at, " +
                "err_external = max(err_external, $e0), err_configuration = max(err_configuration, $e1), err_mapping = max(err_mapping, $e2), " +
                "err_technical = max(err_technical, $e3), err_cascade = max(err_cascade, $e4), duration_exceeded = max(duration_exceeded, $exceeded) " +
                "WHERE id = $id AND status = " + Running + " RETURNING " + SqliteRows.ExecutionColumns;
            var p = update.Parameters;
            p.AddWithValue("$id", completion.ExecutionId.ToString());
            p.AddWithValue("$status", (int)completion.Status);
            p.AddWithValue("$reason", (int)completion.Reason);
            p.AddWithValue("$ended_at", SqliteRows.Ticks(completion.EndedAt));
            p.AddWithValue("$e0", completion.Errors.External);
            p.AddWithValue("$e1", completion.Errors.Configuration);
            p.AddWithValue("$e2", completion.Errors.Mapping);
            p.AddWithValue("$e3", completion.Errors.Technical);
            p.AddWithValue("$e4", completion.Errors.Cascade);
            p.AddWithValue("$exceeded", completion.DurationExceeded ? 1 : 0);
            using var reader = update.ExecuteReader();
            return reader.Read() ? SqliteRows.ReadExecution(reader) : null;
        }, cancellationToken).ConfigureAwait(false);
        if (ended is null && await GetAsync(completion.ExecutionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExecutionNotFoundException(completion.ExecutionId);
        }

        return ended;
    }

    public async ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        var now = SqliteRows.Ticks(_time.GetUtcNow());
        var changed = await UpdateAsync(
            "UPDATE executions SET lease_at = $now, heartbeat_at = $now WHERE id = $id AND status = " + Running + " AND node_id = $node",
            executionId,
            p =>
            {
                p.AddWithValue("$now", now);
                p.AddWithValue("$node", nodeId);
            },
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public async ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTimeout, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        return await _database.WriteAsync(c =>
        {
            using var update = c.CreateCommand();
            // The error counts are kept with each batch of lines, in the same transaction: they already match the lines.
            update.CommandText =
                "UPDATE executions SET status = 4, reason = 5, ended_at = $now WHERE status = " + Running + " AND kind = " + (int)ExecutionKind.Scheduled + " AND lease_at <= $cutoff";
            update.Parameters.AddWithValue("$now", SqliteRows.Ticks(now));
            update.Parameters.AddWithValue("$cutoff", SqliteRows.Ticks(now - leaseTimeout));
            return update.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return await _database.WriteAsync(c =>
        {
            using var transaction = c.BeginTransaction(deferred: false);
            using var purge = c.CreateCommand();
            purge.Transaction = transaction;
            purge.CommandText =
                "CREATE TEMP TABLE IF NOT EXISTS purge_batch (id TEXT PRIMARY KEY); DELETE FROM purge_batch; " +
                "INSERT INTO purge_batch SELECT id FROM executions WHERE status <> " + Running + " AND ended_at < $cutoff ORDER BY ended_at LIMIT $n; " +
                "DELETE FROM log_lines WHERE execution_id IN (SELECT id FROM purge_batch); " +
                "DELETE FROM executions WHERE id IN (SELECT id FROM purge_batch); SELECT count(*) FROM purge_batch;";
            purge.Parameters.AddWithValue("$cutoff", SqliteRows.Ticks(endedBefore));
            purge.Parameters.AddWithValue("$n", batchSize);
            var purged = Convert.ToInt32(purge.ExecuteScalar(), CultureInfo.InvariantCulture);
            transaction.Commit();
            return purged;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = connection.CreateCommand();
            var sql = new StringBuilder("SELECT ").Append(SqliteRows.ExecutionColumns).Append(" FROM executions WHERE 1 = 1");
            Filter(select, sql, "interface_id = $interface", "$interface", query.InterfaceId);
            Filter(select, sql, "schedule_id = $schedule", "$schedule", query.ScheduleId);
            Filter(select, sql, "status = $status", "$status", query.Status is { } status ? (int)status : null);
            Filter(select, sql, "kind = $kind", "$kind", query.Kind is { } kind ? (int)kind : null);
            Filter(select, sql, "rerun_of = $rerun_of", "$rerun_of", query.RerunOf?.ToString());
            Filter(select, sql, "started_at >= $from", "$from", query.StartedFrom is { } from ? SqliteRows.Ticks(from) : null);
            Filter(select, sql, "started_at < $before", "$before", query.StartedBefore is { } before ? SqliteRows.Ticks(before) : null);
            Filter(select, sql, "id < $cursor", "$cursor", query.Before?.ToString());
            select.CommandText = sql.Append(" ORDER BY id DESC LIMIT $limit").ToString();
            select.Parameters.AddWithValue("$limit", query.Limit + 1);
            var items = new List<Execution>(Math.Min(query.Limit + 1, 256));
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.Read())
                {
                    items.Add(SqliteRows.ReadExecution(reader));
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
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT " + SqliteRows.LineColumns + " FROM log_lines WHERE execution_id = $id AND sequence > $after AND level >= $level ORDER BY sequence LIMIT $limit";
            select.Parameters.AddWithValue("$id", executionId.ToString());
            select.Parameters.AddWithValue("$after", query.AfterSequence);
            select.Parameters.AddWithValue("$level", (int)query.MinLevel);
            select.Parameters.AddWithValue("$limit", query.Limit);
            var lines = new List<LogEntry>(Math.Min(query.Limit, 256));
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.Read())
                {
                    lines.Add(SqliteRows.ReadLine(reader));
                }
            }

            if (lines.Count == 0 && await GetAsync(executionId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new ExecutionNotFoundException(executionId);
            }

            return lines;
        }
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

    private static void Filter(SqliteCommand command, StringBuilder sql, string condition, string name, object? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    private async ValueTask<Execution?> ReadOneAsync(string condition, string value, CancellationToken cancellationToken)
    {
        var connection = await _database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var select = connection.CreateCommand();
            select.CommandText = "SELECT " + SqliteRows.ExecutionColumns + " FROM executions WHERE " + condition;
            select.Parameters.AddWithValue("$v", value);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return reader.Read() ? SqliteRows.ReadExecution(reader) : null;
        }
    }

    private Task<int> UpdateAsync(string sql, ExecutionId executionId, Action<SqliteParameterCollection>? bind, CancellationToken cancellationToken)
        => _database.WriteAsync(c =>
        {
            using var update = c.CreateCommand();
            update.CommandText = sql;
            update.Parameters.AddWithValue("$id", executionId.ToString());
            bind?.Invoke(update.Parameters);
            return update.ExecuteNonQuery();
        }, cancellationToken);
}
