using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// The store's schema, one script per version, never edited once released: a change is a new script appended.
/// <c>schema_version</c> holds the versions applied; a database from a newer version of the package is refused, not
/// guessed at. Times are UTC ticks, so they sort and compare exactly.
/// </summary>
/// <remarks>
/// Version 2 indexes re-runs by the execution they re-run, and, since error counts are now kept on append, counts
/// the error lines of the executions running at the upgrade once (ended ones keep the counts they ended with).
/// </remarks>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE executions (
            id TEXT NOT NULL PRIMARY KEY,
            interface_id TEXT NOT NULL,
            schedule_id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            trigger INTEGER NOT NULL,
            window_from INTEGER NOT NULL,
            window_to INTEGER NOT NULL,
            rerun_of TEXT NULL,
            unique_key TEXT NULL UNIQUE,
            status INTEGER NOT NULL,
            reason INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            ended_at INTEGER NULL,
            duration_exceeded INTEGER NOT NULL,
            err_external INTEGER NOT NULL,
            err_configuration INTEGER NOT NULL,
            err_mapping INTEGER NOT NULL,
            err_technical INTEGER NOT NULL,
            err_cascade INTEGER NOT NULL,
            node_id TEXT NULL,
            heartbeat_at INTEGER NULL,
            lease_at INTEGER NOT NULL,
            last_sequence INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX ix_executions_interface ON executions (interface_id, id);
        CREATE INDEX ix_executions_running ON executions (lease_at) WHERE status = 0;
        CREATE INDEX ix_executions_ended ON executions (ended_at) WHERE status <> 0;
        CREATE TABLE log_lines (
            execution_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            time INTEGER NOT NULL,
            level INTEGER NOT NULL,
            category INTEGER NULL,
            message TEXT NOT NULL,
            correlation_id TEXT NULL,
            caused_by INTEGER NULL,
            exception_type TEXT NULL,
            exception_message TEXT NULL,
            exception_stack TEXT NULL,
            ex_direction INTEGER NULL,
            ex_method TEXT NULL,
            ex_target TEXT NULL,
            ex_status INTEGER NULL,
            ex_duration INTEGER NULL,
            ex_request_headers TEXT NULL,
            ex_request_body TEXT NULL,
            ex_response_headers TEXT NULL,
            ex_response_body TEXT NULL,
            PRIMARY KEY (execution_id, sequence)
        ) WITHOUT ROWID;
        """,
        """
        CREATE INDEX ix_executions_rerun_of ON executions (rerun_of, id) WHERE rerun_of IS NOT NULL;
        UPDATE executions SET
            err_external = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id AND l.level = 3 AND coalesce(l.category, 3) = 0),
            err_configuration = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id AND l.level = 3 AND coalesce(l.category, 3) = 1),
            err_mapping = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id AND l.level = 3 AND coalesce(l.category, 3) = 2),
            err_technical = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id AND l.level = 3 AND coalesce(l.category, 3) = 3),
            err_cascade = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id AND l.level = 3 AND coalesce(l.category, 3) = 4)
        WHERE status = 0;
        """,
    ];

    /// <summary>Gets the schema version this package writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>, in one immediate transaction (one migrator at a time).</summary>
    public static void Migrate(SqliteConnection connection, string dataSource)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
            var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException(
                    $"SQLite execution store: the database '{dataSource}' has schema version {version}, newer than version {CurrentVersion} that this " +
                    "Integration.Storage.Sqlite understands. It was written by a newer release; upgrade the package rather than let an older one write to it.");
            }

            for (var next = version + 1; next <= CurrentVersion; next++)
            {
                Execute(connection, transaction, Migrations[next - 1]);
                using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, datetime('now'))";
                record.Parameters.AddWithValue("$v", next);
                record.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
