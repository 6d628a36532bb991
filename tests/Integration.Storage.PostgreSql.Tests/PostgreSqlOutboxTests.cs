using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// Version 9 on PostgreSQL: a database of version 8 is upgraded keeping its run requests, and the outbox's claim and
/// purge can be answered from their indexes (the plan says so, not a timing: sequential scans are disabled for the plan).
/// </summary>
public sealed class PostgreSqlOutboxTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task ADatabaseOfVersion8_IsUpgraded_KeepingItsRunRequests_AndGainsTheOutbox()
    {
        var open = Guid.NewGuid();
        var started = Guid.NewGuid();
        var original = ExecutionId.New(T0);
        var execution = ExecutionId.New(T0.AddMinutes(1));
        await PostgresSchema.ExecuteAsync(
            $"SET search_path = {Schema.Name}; " + string.Concat(PostgreSqlSchema.Scripts.Take(8)) +
            "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); " +
            "INSERT INTO schema_version (version) SELECT generate_series(1, 8); " +
            "INSERT INTO run_requests (id, interface_id, trigger, window_from, window_to, rerun_of, actor, requested_at, claimed_by, claimed_at, claim_id, execution_id) VALUES " +
            $"('{open:D}', 'sales', 2, '2026-03-02T07:00:00Z', '2026-03-02T09:00:00Z', '{original.Value}', 'alice', '2026-03-02T09:00:00Z', NULL, NULL, NULL, NULL), " +
            $"('{started:D}', 'sales', 1, '2026-03-02T07:00:00Z', '2026-03-02T09:00:00Z', NULL, NULL, '2026-03-02T09:00:01Z', 'node-1', '2026-03-02T09:00:00Z', 'c1', '{execution.Value}');");

        await using var store = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System);
        var kept = (await store.GetRunRequestAsync(open))!;
        var done = (await store.GetRunRequestAsync(started))!;

        Assert.Equal((ExecutionTrigger.Rerun, original, "alice", T0, (DateTimeOffset?)null, (int?)null), (kept.Trigger, kept.RerunOf, kept.Actor, kept.RequestedAt, kept.DueAt, kept.Attempt));
        Assert.Equal((execution, "node-1"), (done.ExecutionId, done.ClaimedBy));
        Assert.Equal([open], (await store.ClaimRunRequestsAsync("node-2", ["sales"], limit: 16, TimeSpan.Zero)).Select(r => r.Id));
        Assert.True(await store.EnqueueNotificationAsync(new StoredNotification { Id = "turned-ko/1", InterfaceId = "sales", Kind = NotificationKind.TurnedKo, Payload = "{}" }));
        Assert.Equal("turned-ko/1", Assert.Single(await store.ClaimNotificationsAsync("node-2", limit: 16, TimeSpan.Zero)).Id);
        await using var connection = new NpgsqlConnection(Schema.ConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT max(version), count(*)::integer FROM schema_version", connection);
        await using var reader = await version.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((PostgreSqlSchema.CurrentVersion, PostgreSqlSchema.CurrentVersion), (reader.GetInt32(0), reader.GetInt32(1)));
    }

    [PostgresFact]
    public async Task ClaimNotifications_ReadsTheUndeliveredIndex_AndPurgeTheDeliveredIndex()
    {
        var sql = new ExecutionSql(PostgreSqlDialect.Instance, TimeProvider.System).Notifications;

        var claim = await PlanAsync(sql.Claim("node-1", 16, TimeSpan.FromMinutes(5), "claim"));
        var claimed = await PlanAsync(sql.SelectClaimed("claim"));
        var purge = await PlanAsync(sql.Purge(T0, 100));

        Assert.Contains("ix_notifications_pending", claim, StringComparison.Ordinal);
        Assert.Contains("ix_notifications_claim", claimed, StringComparison.Ordinal);
        Assert.Contains("ix_notifications_delivered", purge, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on notifications", claim + claimed + purge, StringComparison.Ordinal);
    }

    private async Task<string> PlanAsync(SqlStatement statement)
    {
        await using (var store = new PostgreSqlExecutionStore(Schema.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        return await QueryPlan.TextAsync(Schema.ConnectionString, statement, noSeqScan: true);
    }
}
