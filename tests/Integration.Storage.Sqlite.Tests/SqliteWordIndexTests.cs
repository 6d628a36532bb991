using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.Sqlite.Tests;

/// <summary>
/// Schema version 10: the words of the lines are indexed after their append committed, behind a per-execution mark. A
/// line is found as soon as its append completed, whether its words are indexed yet or not; a failure or a stop between
/// the commit and the indexing leaves nothing unsearchable, and the next batch or the next start indexes what is behind.
/// </summary>
public sealed class SqliteWordIndexTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task Search_RightAfterAppend_BeforeTheWordsAreIndexed_FindsTheLines_InOrder_WithTheIndexedOnes()
    {
        // Held back: the indexing after each batch fails, as it would if the writer stopped before it (the lines are committed).
        var hold = false;
        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        store.LogWriter.BeforeIndex = () => hold ? Task.FromException(new InvalidOperationException("held back")) : Task.CompletedTask;
        var execution = NewExecution(T0);
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Message = "Order ORD-777 fetched" });
        await store.Database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None);
        hold = true;
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(1), Message = "Order ORD-778 fetched" });
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(2), Message = "order ord-777 imported", CorrelationId = "call-9" });
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(3), Message = "ORD-777: mapping ok (ord777 is another word)" });

        Assert.Equal((1, 4), await MarkAsync(execution.Id));
        Assert.Equal(1, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'ord'"));
        var found = await store.SearchLinesAsync(new LineSearch { Text = "ord-777" });
        Assert.Equal([4L, 3L, 1L], found.Items.Select(m => m.Line.Sequence));
        Assert.Equal([execution.Id], found.Items.Select(m => m.ExecutionId).Distinct());
        Assert.Equal([3L], (await store.SearchLinesAsync(new LineSearch { Text = "call-9" })).Items.Select(m => m.Line.Sequence));
        Assert.Equal([4L], (await store.SearchLinesAsync(new LineSearch { Text = "ORD777" })).Items.Select(m => m.Line.Sequence));
        Assert.Empty((await store.SearchLinesAsync(new LineSearch { Text = "ord-779" })).Items);
        Assert.Empty((await store.SearchLinesAsync(new LineSearch { Text = "imported", InterfaceId = "other" })).Items);

        var first = await store.SearchLinesAsync(new LineSearch { Text = "ord 777", Limit = 2 });
        var second = await store.SearchLinesAsync(new LineSearch { Text = "ord 777", Limit = 2, After = first.Next });
        Assert.Equal([4L, 3L, 1L], first.Items.Concat(second.Items).Select(m => m.Line.Sequence));
        Assert.Null(second.Next);

        hold = false;
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(4), Message = "done" });
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(5), Message = "done" });

        // The last batch's transaction indexed the words of the lines before it.
        Assert.True((await MarkAsync(execution.Id)).Indexed >= 5);
        Assert.Equal([4L, 3L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "ord-777" })).Items.Select(m => m.Line.Sequence));
    }

    [Fact]
    public async Task TheWords_AreIndexedByTheNextBatch_OrAloneOnceTheQueueStayedEmptyForTheIdleDelay()
    {
        var time = new FakeTimeProvider(T0);
        await using var store = new SqliteExecutionStore(_database.ConnectionString, time);
        var execution = NewExecution(T0);
        await store.CreateAsync(execution);

        await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Message = "Parcel P-1 sent" });
        await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Message = "Parcel P-2 sent" });

        // The second batch's transaction indexed the first line; the second waits for more lines, or for the idle delay.
        Assert.Equal((1, 2), await MarkAsync(execution.Id));
        Assert.Equal(1, store.LogWriter.Indexings);
        Assert.Equal(2, (await store.SearchLinesAsync(new LineSearch { Text = "parcel sent" })).Items.Count);

        // Advanced until the writer, which may not be waiting yet, has seen the delay pass.
        Assert.True(SpinWait.SpinUntil(() => { time.Advance(SqliteLogWriter.IdleDelay); return store.LogWriter.Indexings == 2; }, TimeSpan.FromSeconds(30)), "The writer did not index once idle.");

        Assert.Equal((2, 2), await MarkAsync(execution.Id));
        Assert.Equal(2, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'parcel'"));
        Assert.Equal([2L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "parcel sent" })).Items.Select(m => m.Line.Sequence));

        // The writer went back to its queue after indexing alone: the next line is committed as ever.
        Assert.Equal(3L, await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Message = "Parcel P-3 sent" }));
        Assert.Equal(3, (await store.SearchLinesAsync(new LineSearch { Text = "parcel sent" })).Items.Count);
    }

    [Fact]
    public async Task LinesCommittedButNotIndexed_WhenTheHostStops_AreIndexedAtTheNextStart_AndFoundMeanwhile()
    {
        var execution = NewExecution(T0);
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            store.LogWriter.BeforeIndex = () => throw new IOException("disk gone");
            await store.CreateAsync(execution);
            await Task.WhenAll(Enumerable.Range(1, 3).Select(i => store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(i), Message = $"Ticket T-{i} opened" }).AsTask()));
            Assert.Equal(3, (await store.SearchLinesAsync(new LineSearch { Text = "ticket opened" })).Items.Count);
        }

        Assert.Equal((0, 3), await MarkAsync(execution.Id));
        Assert.Equal(0, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'ticket'"));

        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);

            Assert.Equal((3, 3), await MarkAsync(execution.Id));
            Assert.Equal(3, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'ticket'"));
            Assert.Equal([3L, 2L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "ticket opened" })).Items.Select(m => m.Line.Sequence));
            Assert.Equal([2L], (await store.SearchLinesAsync(new LineSearch { Text = "t-2" })).Items.Select(m => m.Line.Sequence));
        }
    }

    [Fact]
    public async Task TheWriterFailingToIndex_LosesNoLine_AndTheNextBatchIndexesWhatIsBehind()
    {
        var fail = true;
        var execution = NewExecution(T0);
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            store.LogWriter.BeforeIndex = () => fail ? Task.FromException(new InvalidOperationException("indexing failed")) : Task.CompletedTask;
            await store.CreateAsync(execution);

            var sequences = new List<long>
            {
                await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Message = "Invoice INV-1 sent" }),
                await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(1), Level = ExecutionLogLevel.Error, Category = ErrorCategory.External, Message = "Invoice INV-2 refused" }),
            };

            Assert.Equal([1L, 2L], sequences);
            Assert.Equal((0, 2), await MarkAsync(execution.Id));
            Assert.Equal(0, store.LogWriter.Indexings);
            Assert.Equal([2L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "invoice" })).Items.Select(m => m.Line.Sequence));
            Assert.Equal(1, (await store.GetAsync(execution.Id))!.Errors.External);

            fail = false;
            Assert.Equal(3L, await store.AppendAsync(execution.Id, new LogEntry { Time = T0.AddSeconds(2), Message = "Invoice INV-3 sent" }));
        }

        // Disposing waits for the writer, which indexed after its last batch: the failed lines and the new one, once each.
        Assert.Equal((3, 3), await MarkAsync(execution.Id));
        Assert.Equal(3, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'invoice'"));
        await using var reopened = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        Assert.Equal([3L, 2L, 1L], (await reopened.SearchLinesAsync(new LineSearch { Text = "invoice" })).Items.Select(m => m.Line.Sequence));
    }

    [Fact]
    public async Task Purge_OfAnExecutionWhoseLinesArePartlyIndexed_LeavesNoneOfThemInTheIndex_NorFound()
    {
        var hold = false;
        var old = NewExecution(T0);
        var kept = NewExecution(T0.AddHours(1));
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            store.LogWriter.BeforeIndex = () => hold ? Task.FromException(new InvalidOperationException("held back")) : Task.CompletedTask;
            await store.CreateAsync(old);
            await store.CreateAsync(kept);
            await store.AppendAsync(old.Id, new LogEntry { Time = T0, Message = "order 7 imported" });
            await store.AppendAsync(kept.Id, new LogEntry { Time = T0, Message = "order 7 shipped" });
            await store.Database.WriteAsync(SqliteWordIndex.IndexBehind, CancellationToken.None);
            hold = true;
            await store.AppendAsync(old.Id, new LogEntry { Time = T0.AddSeconds(1), Message = "order 8 imported" });
            await store.AppendAsync(old.Id, new LogEntry { Time = T0.AddSeconds(2), Message = "order 9 imported" });
            Assert.Equal((1, 3), await MarkAsync(old.Id));
            await store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });

            Assert.Equal(1, await store.PurgeAsync(T0.AddMinutes(2), batchSize: 10));

            Assert.Equal(0, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'imported'"));
            Assert.Equal(["order 7 shipped"], (await store.SearchLinesAsync(new LineSearch { Text = "order" })).Items.Select(m => m.Line.Message));
            Assert.Empty((await store.SearchLinesAsync(new LineSearch { Text = "imported" })).Items);
            hold = false;
            await store.AppendAsync(kept.Id, new LogEntry { Time = T0.AddSeconds(3), Message = "order 7 delivered" });
        }

        Assert.Equal(0, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM executions WHERE indexed_sequence < last_sequence"));
        Assert.Equal(2, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'order'"));
        Assert.Equal(0, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'imported'"));
    }

    [Fact]
    public async Task ADatabaseOfVersion9_WithLines_IsUpgraded_ItsLinesMarkedIndexed_AndStillFound()
    {
        var before = ExecutionId.New(T0);
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var build = connection.CreateCommand();
            build.CommandText =
                string.Concat(SqliteSchema.Scripts.Take(9)) +
                "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);" +
                string.Concat(Enumerable.Range(1, 9).Select(v => $"INSERT INTO schema_version VALUES ({v}, datetime('now'));")) +
                "INSERT INTO executions (id, interface_id, schedule_id, kind, trigger, window_from, window_to, status, reason, started_at, duration_exceeded, " +
                "err_external, err_configuration, err_mapping, err_technical, err_cascade, lease_at, last_sequence) " +
                $"VALUES ('{before}', 'sales', 'sales', 0, 0, {T0.UtcTicks}, {T0.UtcTicks}, 0, 0, {T0.UtcTicks}, 0, 0, 0, 0, 0, 0, {T0.UtcTicks}, 2);" +
                "INSERT INTO log_lines (execution_id, sequence, time, level, message, correlation_id) VALUES " +
                $"('{before}', 1, {T0.UtcTicks}, 2, 'Ticket T-981 opened', 'call-1'), ('{before}', 2, {T0.AddMinutes(1).UtcTicks}, 2, 'Ticket T-982 opened', NULL);" +
                // As version 9's log writer did: each line's words indexed in the line's own transaction.
                "INSERT INTO log_search (rowid, message) SELECT (e.search_key << 32) | l.sequence, l.message FROM log_lines l JOIN executions e ON e.id = l.execution_id;";
            await build.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(10, SqliteSchema.CurrentVersion);
        Assert.Equal(SqliteSchema.CurrentVersion, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT max(version) FROM schema_version"));
        Assert.Equal((2, 2), await MarkAsync(before));
        Assert.Equal(2, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM log_search WHERE log_search MATCH 'ticket'"));
        Assert.Equal([2L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "ticket opened" })).Items.Select(m => m.Line.Sequence));

        Assert.Equal(3L, await store.AppendAsync(before, new LogEntry { Time = T0.AddMinutes(2), Message = "Ticket T-981 closed" }));
        Assert.Equal([3L, 1L], (await store.SearchLinesAsync(new LineSearch { Text = "t-981" })).Items.Select(m => m.Line.Sequence));
        Assert.Equal([1L], (await store.SearchLinesAsync(new LineSearch { Text = "call-1" })).Items.Select(m => m.Line.Sequence));
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

    private async Task<(int Indexed, int Last)> MarkAsync(ExecutionId execution)
        => (await QueryPlan.ScalarAsync(_database.ConnectionString, $"SELECT indexed_sequence FROM executions WHERE id = '{execution}'"),
            await QueryPlan.ScalarAsync(_database.ConnectionString, $"SELECT last_sequence FROM executions WHERE id = '{execution}'"));
}
