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
/// Version 3 adds the schedules' persisted pause state (<c>schedule_states</c>) and its audit trail
/// (<c>schedule_audit</c>). Version 4 adds the cancel request stored on an execution (<c>cancel_requested_at</c>,
/// <c>cancel_requested_by</c>), which its node reads with each heartbeat. Version 5 adds the operator actions recorded on
/// executions (<c>execution_actions</c>: run now, re-run, cancel, export; who and when), indexed by execution. Version 6
/// adds <c>run_requests</c>: run now and re-run asked on an operate-only host, claimed and started by an executing node.
/// Version 7 adds the interface overview's indexes (<see cref="StoreSchema.OverviewIndexes"/>). Version 8 adds the line
/// search: an index of the lines by correlation id, and a GIN index of their messages' words (built-in <c>simple</c> configuration, no extension), filled with the lines already stored.
/// Version 9 adds, for automatic re-runs, a run request's <c>due_at</c> (claimed no earlier) and <c>attempt</c>, and the
/// notification outbox (<c>notifications</c>), indexed by age while undelivered and by delivery once delivered.
/// </remarks>
internal static class PostgreSqlSchema
{
    private const string ExecutionsTable =
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
        """;

    private const string LogLinesTable =
        """
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

    private const string LogBatchesTable =
        """
        CREATE TABLE log_batches (
            id uuid NOT NULL PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            execution_ids uuid[] NOT NULL,
            last_sequences bigint[] NOT NULL
        );
        """;

    // Version 5 (line search): a GIN index of the messages' words by the built-in 'simple' configuration, which needs no
    // extension (pg_trgm would need CREATE EXTENSION, which a host's database user may not be allowed). Creating the
    // indexes indexes the lines already stored.
    private static readonly string LineSearchScript =
        StoreSchema.CorrelationIndex + $"CREATE INDEX ix_log_lines_words ON log_lines USING gin ({PostgreSqlDialect.MessageWords});\n";

    // The column types of the tables both stores share (StoreTables), from version 3 on.
    private static readonly ColumnTypes Types = new("text", "integer", "boolean", "timestamptz", "uuid", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

    private static readonly string[] Migrations = StoreTables.Migrations(
        ExecutionsTable + "\n" + StoreSchema.Indexes + LogLinesTable,
        StoreSchema.RerunIndex + LogBatchesTable + "\n" + StoreSchema.RecountErrors,
        Types,
        LineSearchScript);

    /// <summary>Gets the schema version this package writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Gets each version's script, in order (for tests that build a database of an earlier version).</summary>
    internal static IReadOnlyList<string> Scripts => Migrations;

    public static async Task MigrateAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':integration-executions-schema'))", connection, transaction))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await StoreSchema.MigrateAsync(
            connection,
            transaction,
            Migrations,
            (
                "PostgreSQL",
                database,
                "Integration.Storage.PostgreSql",
                "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO schema_version (version) VALUES (@v)",
                "A newer release wrote it; upgrade the package on every node rather than let an older one write to it."),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
