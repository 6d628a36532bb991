using Integration.Storage;
using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// Creating an occurrence is one statement: the insert, and when another node holds the key, that node's execution;
/// and the store's pooled connections carry no session state, so they go back to the pool without a reset.
/// </summary>
public sealed class PostgreSqlCreationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private PostgresSchema _schema = null!;
    private PostgreSqlExecutionStore _nodeA = null!;
    private PostgreSqlExecutionStore _nodeB = null!;

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            _schema = await PostgresSchema.CreateAsync();
            _nodeA = new PostgreSqlExecutionStore(_schema.ConnectionString, TimeProvider.System);
            _nodeB = new PostgreSqlExecutionStore(_schema.ConnectionString, TimeProvider.System);
            await _nodeA.InitializeAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _nodeA.DisposeAsync();
            await _nodeB.DisposeAsync();
            await _schema.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task AnOccurrenceAnotherNodeCreated_IsNotCreatedAgain_AndGivesThatNodesExecution()
    {
        var first = Occurrence("node-a");
        Assert.True((await _nodeA.CreateAsync(first)).Created);

        var second = await _nodeB.CreateAsync(Occurrence("node-b"));

        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Execution.Id);
        Assert.Equal("node-a", second.Execution.NodeId);
        Assert.Equal(ExecutionStatus.Running, second.Execution.Status);
        Assert.Equal(first.Id, Assert.Single((await _nodeA.QueryAsync(new ExecutionQuery())).Items).Id);
    }

    [PostgresFact]
    public async Task AnOccurrenceWhoseHolderCommitsWhileTheInsertWaits_GivesTheHolder_ThoughTheStatementDidNotSeeIt()
    {
        var holder = Occurrence("node-a");
        var insert = new ExecutionSql(PostgreSqlDialect.Instance, TimeProvider.System).Insert(holder);
        await using var connection = new NpgsqlConnection(_schema.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(insert.Text, connection, transaction))
        {
            PostgreSqlDialect.Instance.Bind(command, insert);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Node B's insert waits on the uncommitted row; its statement's snapshot predates the commit.
        var creating = _nodeB.CreateAsync(Occurrence("node-b")).AsTask();
        await BlockedByAsync(connection);
        Assert.False(creating.IsCompleted);
        await transaction.CommitAsync();

        var creation = await creating.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(creation.Created);
        Assert.Equal(holder.Id, creation.Execution.Id);
        Assert.Equal("node-a", creation.Execution.NodeId);
        Assert.Single((await _nodeA.QueryAsync(new ExecutionQuery())).Items);
    }

    [PostgresFact]
    public async Task APooledConnection_CarriesNoSessionState_AfterTheStoreUsedIt()
    {
        var builder = new NpgsqlConnectionStringBuilder(_schema.ConnectionString) { MaxPoolSize = 1 };
        await using var store = new PostgreSqlExecutionStore(builder.ConnectionString, TimeProvider.System);
        var execution = Occurrence("node-a");
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, new LogEntry { Message = "one line", Level = ExecutionLogLevel.Error, Category = ErrorCategory.External });
        await store.RenewLeaseAndReadCancelAsync(execution.Id, "node-a");
        await store.SetSchedulePausedAsync("sales", "sales", paused: true, "support", "maintenance");
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });
        await store.ClaimRunRequestsAsync("node-a", ["sales"], 10, TimeSpan.FromMinutes(1));

        // The pool's one connection, as the store left it: nothing a DISCARD ALL would have had to undo.
        var connection = await store.Database.OpenAsync(CancellationToken.None);
        await using (connection)
        {
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_listening_channels()"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_prepared_statements"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_cursors WHERE name <> ''"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT CASE WHEN pg_my_temp_schema() = 0 THEN 0 ELSE 1 END::bigint"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM pg_settings WHERE source = 'session'"));
        }

        Assert.Equal(ExecutionStatus.KO, (await store.GetAsync(execution.Id))!.Status);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task BlockedByAsync(NpgsqlConnection holder)
    {
        var pid = holder.ProcessID;
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresAvailability.ConnectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE {pid} = ANY(pg_blocking_pids(pid))", watcher);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The second node's insert never waited on the first node's row.");
    }

    private static Execution Occurrence(string node) => new()
    {
        Id = ExecutionId.New(T0),
        InterfaceId = "sales",
        ScheduleId = "sales",
        Trigger = ExecutionTrigger.Schedule,
        Window = new ExecutionWindow(T0.AddHours(-2), T0),
        UniqueKey = "sales@2026-03-02T09:00:00Z",
        StartedAt = T0,
        NodeId = node,
        HeartbeatAt = T0,
    };
}
