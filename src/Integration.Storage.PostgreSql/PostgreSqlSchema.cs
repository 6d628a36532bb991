using Npgsql;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// The store's schema, one script per version (never edited once released: a change is a new script appended),
/// applied in the connection's current schema (its search path) under a transaction-scoped advisory lock: two hosts
/// migrating at once take turns, and the second finds nothing to do. A database from a newer version of the package
/// is refused.
/// </summary>
/// <remarks>
/// Version 2 indexes re-runs by the execution they re-run, adds <c>log_batches</c> (the batches of lines committed
/// recently, by the id their writer chose, so a retried batch whose first commit went through is recognised), and,
/// since error counts are now kept on append, counts the error lines of the executions running at the upgrade once.
/// </remarks>
internal static class PostgreSqlSchema
{
    private static readonly string[] Migrations =
    [
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
        """,
        """
        CREATE INDEX ix_executions_rerun_of ON executions (rerun_of, id) WHERE rerun_of IS NOT NULL;
        CREATE TABLE log_batches (
            id uuid NOT NULL PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            execution_ids uuid[] NOT NULL,
            last_sequences bigint[] NOT NULL
        );
        UPDATE executions e SET
            err_external = (SELECT count(*) FROM log_lines l WHERE l.execution_id = e.id AND l.level = 3 AND coalesce(l.category, 3) = 0),
            err_configuration = (SELECT count(*) FROM log_lines l WHERE l.execution_id = e.id AND l.level = 3 AND coalesce(l.category, 3) = 1),
            err_mapping = (SELECT count(*) FROM log_lines l WHERE l.execution_id = e.id AND l.level = 3 AND coalesce(l.category, 3) = 2),
            err_technical = (SELECT count(*) FROM log_lines l WHERE l.execution_id = e.id AND l.level = 3 AND coalesce(l.category, 3) = 3),
            err_cascade = (SELECT count(*) FROM log_lines l WHERE l.execution_id = e.id AND l.level = 3 AND coalesce(l.category, 3) = 4)
        WHERE status = 0;
        """,
    ];

    /// <summary>Gets the schema version this package writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':integration-executions-schema'))", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken).ConfigureAwait(false);
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection))
        {
            var version = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL execution store: the database '{database}' has schema version {version}, newer than version {CurrentVersion} that this " +
                    "Integration.Storage.PostgreSql understands. A newer release wrote it; upgrade the package on every node rather than let an older one write to it.");
            }

            for (var next = version + 1; next <= CurrentVersion; next++)
            {
                await ExecuteAsync(connection, Migrations[next - 1], cancellationToken).ConfigureAwait(false);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@v)", connection);
                record.Parameters.AddWithValue("v", next);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
