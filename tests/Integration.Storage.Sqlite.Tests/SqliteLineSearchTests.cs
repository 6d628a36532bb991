using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

/// <summary>
/// The SQLite line search reads its indexes (the plan says so, not a timing), keeps the text index in step with purges,
/// and finds the lines a database held before the upgrade that brought it.
/// </summary>
public sealed class SqliteLineSearchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SearchByCorrelationId_ReadsTheCorrelationIndex_NotEveryLine()
    {
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        var plan = await PlanAsync(new LineSearch { CorrelationId = "call-42", InterfaceId = "sales", After = new LineSearchCursor(T0, ExecutionId.New(T0), 3) });

        Assert.Contains(plan, step => step.Contains("SEARCH l USING", StringComparison.Ordinal) && step.Contains("ix_log_lines_correlation", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.Contains("log_search", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchByText_ReadsTheTextIndex_AndTheCorrelationIndex_NotEveryLine()
    {
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        var plan = await PlanAsync(new LineSearch { Text = "ORD-12345" });

        Assert.Contains(plan, step => step.Contains("VIRTUAL TABLE INDEX", StringComparison.Ordinal) && step.Contains(" s ", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("ix_log_lines_correlation", StringComparison.Ordinal));
        // The lines above the marks: the partial index lists only the executions that have some, each read by key from its mark.
        Assert.Contains("SCAN u USING COVERING INDEX ix_executions_unindexed", plan);
        Assert.Contains(plan, step => step.StartsWith("SEARCH p USING PRIMARY KEY (execution_id=? AND sequence>?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.StartsWith("SCAN h", StringComparison.Ordinal)
            && !step.Contains("VIRTUAL TABLE INDEX 0:M", StringComparison.Ordinal) && !step.Contains("ix_executions_unindexed", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH l USING PRIMARY KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_DeletesThePurgedLinesFromTheTextIndex()
    {
        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        var old = NewExecution(T0);
        var kept = NewExecution(T0.AddHours(1));
        await store.CreateAsync(old);
        await store.CreateAsync(kept);
        await store.AppendAsync(old.Id, new LogEntry { Time = T0, Message = "order 7 imported" });
        await store.AppendAsync(old.Id, new LogEntry { Time = T0, Message = "order 8 imported" });
        await store.AppendAsync(kept.Id, new LogEntry { Time = T0, Message = "order 7 shipped" });
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });

        // The writer indexes the words after the appends (schema version 10): here, now.
        await store.Database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None);
        Assert.Equal(3, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'order'"));

        await store.PurgeAsync(T0.AddMinutes(2), batchSize: 10);

        Assert.Equal(1, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'order'"));
        Assert.Equal(["order 7 shipped"], (await store.SearchLinesAsync(new LineSearch { Text = "order 7" })).Items.Select(m => m.Line.Message));
    }

    [Fact]
    public async Task ADatabaseOfVersion4_IsUpgraded_AndItsLinesAreFound()
    {
        var before = ExecutionId.New(T0);
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var build = connection.CreateCommand();
            build.CommandText =
                string.Concat(SqliteSchema.Scripts.Take(4)) +
                "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);" +
                "INSERT INTO schema_version VALUES (1, datetime('now')), (2, datetime('now')), (3, datetime('now')), (4, datetime('now'));" +
                $"INSERT INTO executions (id, interface_id, schedule_id, kind, trigger, window_from, window_to, status, reason, started_at, duration_exceeded, " +
                $"err_external, err_configuration, err_mapping, err_technical, err_cascade, lease_at, last_sequence) " +
                $"VALUES ('{before}', 'public-api', 'public-api_daily', 1, 0, {T0.UtcTicks}, {T0.UtcTicks}, 0, 0, {T0.UtcTicks}, 0, 0, 0, 0, 0, 0, {T0.UtcTicks}, 2);" +
                $"INSERT INTO log_lines (execution_id, sequence, time, level, message, correlation_id) VALUES " +
                $"('{before}', 1, {T0.UtcTicks}, 2, 'Ticket T-981 opened', 'call-1'), ('{before}', 2, {T0.AddMinutes(1).UtcTicks}, 2, 'Ticket T-982 opened', 'call-2');";
            await build.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        var after = NewExecution(T0.AddHours(1));
        await store.CreateAsync(after);
        await store.AppendAsync(before, new LogEntry { Time = T0.AddMinutes(2), Message = "Ticket T-981 closed", CorrelationId = "call-3" });
        await store.AppendAsync(after.Id, new LogEntry { Time = T0.AddHours(1), Message = "Ticket T-981 exported" });

        var byText = await store.SearchLinesAsync(new LineSearch { Text = "t-981" });
        var byCorrelation = await store.SearchLinesAsync(new LineSearch { CorrelationId = "call-2" });

        Assert.Equal(["Ticket T-981 exported", "Ticket T-981 closed", "Ticket T-981 opened"], byText.Items.Select(m => m.Line.Message));
        Assert.Equal([after.Id, before, before], byText.Items.Select(m => m.ExecutionId));
        Assert.Equal(ExecutionKind.Daily, byText.Items[^1].Kind);
        Assert.Equal((before, 2L), (Assert.Single(byCorrelation.Items).ExecutionId, byCorrelation.Items[0].Line.Sequence));
        Assert.Equal(SqliteSchema.CurrentVersion, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT max(version) FROM schema_version"));
    }

    private static Execution NewExecution(DateTimeOffset started) => new()
    {
        Id = ExecutionId.New(started),
        InterfaceId = "sales",
        ScheduleId = "sales",
        Kind = ExecutionKind.Scheduled,
        Trigger = ExecutionTrigger.Manual,
        Window = new ExecutionWindow(started.AddHours(-2), started),
        StartedAt = started,
        NodeId = "node-1",
    };

    private Task<List<string>> PlanAsync(LineSearch search)
        => QueryPlan.StepsAsync(_database.ConnectionString, new ExecutionSql(SqliteDialect.Instance, TimeProvider.System).SearchLines(search));
}
