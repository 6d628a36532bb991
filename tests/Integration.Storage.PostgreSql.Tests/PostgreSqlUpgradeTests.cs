using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A database created by the first release (schema version 1) is migrated, keeping what it holds.</summary>
public sealed class PostgreSqlUpgradeTests
{
    // The version-1 schema exactly as the first release created it: never edited, whatever the store's code becomes.
    private const string Version1 =
        """
        CREATE TABLE executions (
            id uuid NOT NULL PRIMARY KEY,
            interface_id text NOT NULL,
            schedule_id text NOT NULL,
            kind integer NOT NULL,
            trigger integer NOT NULL,
            window_from timestamptz NOT NULL,
            window_to timestamptz NOT NULL,
            rerun_of uuid NULL,
            unique_key text NULL UNIQUE,
            status integer NOT NULL,
            reason integer NOT NULL,
            started_at timestamptz NOT NULL,
            ended_at timestamptz NULL,
            duration_exceeded boolean NOT NULL,
            err_external integer NOT NULL,
            err_configuration integer NOT NULL,
            err_mapping integer NOT NULL,
            err_technical integer NOT NULL,
            err_cascade integer NOT NULL,
            node_id text NULL,
            heartbeat_at timestamptz NULL,
            lease_at timestamptz NOT NULL DEFAULT now(),
            last_sequence bigint NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_executions_interface ON executions (interface_id, id);
        CREATE INDEX ix_executions_running ON executions (lease_at) WHERE status = 0;
        CREATE INDEX ix_executions_ended ON executions (ended_at) WHERE status <> 0;
        CREATE TABLE log_lines (
            execution_id uuid NOT NULL,
            sequence bigint NOT NULL,
            time timestamptz NOT NULL,
            level integer NOT NULL,
            category integer NULL,
            message text NOT NULL,
            correlation_id text NULL,
            caused_by bigint NULL,
            exception_type text NULL,
            exception_message text NULL,
            exception_stack text NULL,
            ex_direction integer NULL,
            ex_method text NULL,
            ex_target text NULL,
            ex_status integer NULL,
            ex_duration bigint NULL,
            ex_request_headers text NULL,
            ex_request_body text NULL,
            ex_response_headers text NULL,
            ex_response_body text NULL,
            PRIMARY KEY (execution_id, sequence)
        );
        """;

    [PostgresFact]
    public async Task ADatabaseOfVersion1_IsMigrated_AndItsRunningExecutionsGetTheirErrorLinesCounted()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var running = ExecutionId.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ended = ExecutionId.New(new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));
        await PostgresSchema.ExecuteAsync(
            $"SET search_path = {schema.Name}; " + Version1 +
            "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version (version) VALUES (1); " +
            $"INSERT INTO executions VALUES ('{running.Value}', 'orders', 'nightly', 0, 0, now(), now(), NULL, NULL, 0, 0, now(), NULL, false, 0, 0, 0, 0, 0, 'node-a', now(), now(), 3); " +
            $"INSERT INTO executions VALUES ('{ended.Value}', 'orders', 'nightly', 0, 0, now(), now(), NULL, NULL, 1, 0, now(), now(), false, 0, 0, 0, 0, 0, 'node-a', now(), now(), 1); " +
            $"INSERT INTO log_lines (execution_id, sequence, time, level, category, message) VALUES ('{running.Value}', 1, now(), 3, 2, 'mapping'), " +
            $"('{running.Value}', 2, now(), 3, NULL, 'no category'), ('{running.Value}', 3, now(), 2, NULL, 'a warning'), ('{ended.Value}', 1, now(), 3, 0, 'kept as ended');");

        await using var store = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);
        await store.InitializeAsync(CancellationToken.None);

        var upgraded = await store.GetAsync(running);
        Assert.Equal(new ErrorCounts(0, 0, 1, 1, 0), upgraded!.Errors);
        Assert.Equal(ExecutionStatus.Running, upgraded.Status);
        var untouched = await store.GetAsync(ended);
        Assert.Equal(default, untouched!.Errors);
        Assert.Equal(ExecutionStatus.OK, untouched.Status);
        Assert.Equal(4, await store.AppendAsync(running, new LogEntry { Message = "after the upgrade" }));
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT max(version) FROM schema_version", connection);
        Assert.Equal(PostgreSqlSchema.CurrentVersion, (int)(await version.ExecuteScalarAsync())!);
    }
}
