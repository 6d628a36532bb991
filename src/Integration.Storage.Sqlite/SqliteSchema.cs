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
/// Version 3 adds the schedules' persisted pause state (<c>schedule_states</c>) and its audit trail
/// (<c>schedule_audit</c>). Version 4 adds the cancel request stored on an execution (<c>cancel_requested_at</c>,
/// <c>cancel_requested_by</c>), which its node reads with each heartbeat. Version 5 adds the operator actions recorded on
/// executions (<c>execution_actions</c>: run now, re-run, cancel, export; who and when), indexed by execution. Version 6
/// adds <c>run_requests</c>: run now and re-run asked on an operate-only host, claimed and started by an executing node.
/// Version 7 adds the interface overview's indexes (<see cref="StoreSchema.OverviewIndexes"/>). Version 8 adds the line
/// search: an index of the lines by correlation id, and a contentless FTS5 index of their messages' words (<c>log_search</c>, keyed by the
/// execution's <c>search_key</c> and the line's sequence), filled with the lines already stored.
/// Version 9 adds, for automatic re-runs, a run request's <c>due_at</c> (claimed no earlier) and <c>attempt</c>, and the
/// notification outbox (<c>notifications</c>), indexed by age while undelivered and by delivery once delivered.
/// Version 10 takes the words off the append path: each execution's <c>indexed_sequence</c> marks the last line whose
/// words are in <c>log_search</c> (<see cref="SqliteWordIndex"/> indexes the lines above it after they committed).
/// </remarks>
internal static class SqliteSchema
{
    private const string ExecutionsTable =
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
        """;

    private const string LogLinesTable =
        """
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
        """;

    // Version 5 (line search): the text index is a contentless FTS5 table (it keeps no copy of the messages), keyed by
    // the execution's search_key and the line's sequence, which stay the same through a VACUUM (a rowid would not).
    // Existing lines are indexed here, once.
    private static readonly string LineSearchScript =
        $"""
        ALTER TABLE executions ADD COLUMN search_key INTEGER NULL;
        UPDATE executions SET search_key = rowid;
        CREATE UNIQUE INDEX ix_executions_search_key ON executions (search_key);
        CREATE TRIGGER executions_search_key AFTER INSERT ON executions WHEN NEW.search_key IS NULL BEGIN
            UPDATE executions SET search_key = (SELECT coalesce(max(search_key), 0) + 1 FROM executions) WHERE id = NEW.id;
        END;
        CREATE VIRTUAL TABLE log_search USING fts5(message, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0');
        INSERT INTO log_search (rowid, message)
            SELECT (e.search_key << 32) | l.sequence, substr(l.message, 1, {Integration.LineSearch.IndexedMessageLength}) FROM log_lines l JOIN executions e ON e.id = l.execution_id;
        {StoreSchema.CorrelationIndex}
        """;

    // The column types of the tables both stores share (StoreTables), from version 3 on.
    private static readonly ColumnTypes Types = new("TEXT", "INTEGER", "INTEGER", "INTEGER", "TEXT", "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT");

    private static readonly string[] Migrations =
    [
        .. StoreTables.Migrations(
            ExecutionsTable + "\n" + StoreSchema.Indexes + LogLinesTable,
            StoreSchema.RerunIndex + StoreSchema.RecountErrors,
            Types,
            LineSearchScript),
        StoreTables.SqliteWordIndexMark,
    ];

    /// <summary>Gets the schema version this package writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Gets each version's script, in order (for tests that build a database of an earlier version).</summary>
    internal static IReadOnlyList<string> Scripts => Migrations;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>, in one immediate transaction (one migrator at a time).</summary>
    public static async Task MigrateAsync(SqliteConnection connection, string dataSource)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        await StoreSchema.MigrateAsync(
            connection,
            transaction,
            Migrations,
            (
                "SQLite",
                dataSource,
                "Integration.Storage.Sqlite",
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
                "INSERT INTO schema_version (version, applied_at) VALUES ($v, datetime('now'))",
                "It was written by a newer release; upgrade the package rather than let an older one write to it."),
            CancellationToken.None).ConfigureAwait(false);
        transaction.Commit();
    }
}
