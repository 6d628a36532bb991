using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

/// <summary>
/// Version 9 on SQLite: a database of version 8 is upgraded keeping its run requests, and the outbox's claim and purge
/// read their indexes (the plan says so, not a timing).
/// </summary>
public sealed class SqliteOutboxTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task ADatabaseOfVersion8_IsUpgraded_KeepingItsRunRequests_AndGainsTheOutbox()
    {
        var open = Guid.NewGuid();
        var started = Guid.NewGuid();
        var original = ExecutionId.New(T0);
        var execution = ExecutionId.New(T0.AddMinutes(1));
        await using (var connection = new SqliteConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var build = connection.CreateCommand();
            build.CommandText =
                string.Concat(SqliteSchema.Scripts.Take(8)) +
                "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);" +
                string.Concat(Enumerable.Range(1, 8).Select(v => $"INSERT INTO schema_version VALUES ({v}, datetime('now'));")) +
                "INSERT INTO run_requests (id, interface_id, trigger, window_from, window_to, rerun_of, actor, requested_at, claimed_by, claimed_at, claim_id, execution_id) VALUES " +
                $"('{open:D}', 'sales', 2, {T0.AddHours(-2).UtcTicks}, {T0.UtcTicks}, '{original}', 'alice', {T0.UtcTicks}, NULL, NULL, NULL, NULL), " +
                $"('{started:D}', 'sales', 1, {T0.AddHours(-2).UtcTicks}, {T0.UtcTicks}, NULL, NULL, {T0.AddSeconds(1).UtcTicks}, 'node-1', {T0.UtcTicks}, 'c1', '{execution}');";
            await build.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        var kept = (await store.GetRunRequestAsync(open))!;
        var done = (await store.GetRunRequestAsync(started))!;

        Assert.Equal((ExecutionTrigger.Rerun, original, "alice", T0, (DateTimeOffset?)null, (int?)null), (kept.Trigger, kept.RerunOf, kept.Actor, kept.RequestedAt, kept.DueAt, kept.Attempt));
        Assert.Equal((execution, "node-1"), (done.ExecutionId, done.ClaimedBy));
        Assert.Equal([open], (await store.ClaimRunRequestsAsync("node-2", ["sales"], limit: 16, TimeSpan.Zero)).Select(r => r.Id));
        Assert.True(await store.EnqueueNotificationAsync(new StoredNotification { Id = "turned-ko/1", InterfaceId = "sales", Kind = NotificationKind.TurnedKo, Payload = "{}" }));
        Assert.Equal("turned-ko/1", Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.Zero)).Id);
        Assert.Equal(SqliteSchema.CurrentVersion, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT max(version) FROM schema_version"));
        Assert.Equal(SqliteSchema.CurrentVersion, await QueryPlan.ScalarAsync(_database.ConnectionString, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task ClaimNotifications_ReadsTheUndeliveredIndex_AndPurgeTheDeliveredIndex()
    {
        await using (var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        var sql = new ExecutionSql(SqliteDialect.Instance, TimeProvider.System).Notifications;

        var claim = await QueryPlan.StepsAsync(_database.ConnectionString, sql.Claim("node-1", 16, TimeSpan.FromMinutes(5), "claim"));
        var claimed = await QueryPlan.StepsAsync(_database.ConnectionString, sql.SelectClaimed("claim"));
        var purge = await QueryPlan.StepsAsync(_database.ConnectionString, sql.Purge(T0, 100));

        Assert.Contains(claim, step => step.Contains("ix_notifications_pending", StringComparison.Ordinal));
        Assert.Contains(claimed, step => step.Contains("ix_notifications_claim", StringComparison.Ordinal));
        Assert.Contains(purge, step => step.Contains("ix_notifications_delivered", StringComparison.Ordinal));
        // The claim walks the undelivered ones in age order (the index), never the whole table.
        Assert.DoesNotContain(claim.Concat(claimed).Concat(purge), step => step.StartsWith("SCAN notifications", StringComparison.Ordinal) && !step.Contains("USING INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(claim.Concat(purge), step => step.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
    }
}
