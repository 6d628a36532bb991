namespace Integration.Storage;

/// <summary>
/// The SQL types a store gives the columns of <see cref="StoreTables"/>: the tables both SQL stores added from schema
/// version 3 on are written once, and each store fills in its own types (SQLite keeps times as UTC ticks and ids as
/// text; PostgreSQL has <c>timestamptz</c>, <c>uuid</c> and identity columns). Compiled into each SQL store package.
/// </summary>
/// <param name="Text">A string.</param>
/// <param name="Integer">A 32-bit number (stored enums, counts).</param>
/// <param name="Boolean">A flag.</param>
/// <param name="Time">An instant.</param>
/// <param name="ExecutionId">An execution's id.</param>
/// <param name="Identity">An ascending generated key, with its primary key clause.</param>
internal sealed record ColumnTypes(string Text, string Integer, string Boolean, string Time, string ExecutionId, string Identity);

/// <summary>
/// The tables and columns both SQL stores add in schema versions 3 to 9, in one text with each store's
/// <see cref="ColumnTypes"/>. Each version's script is never changed once released: what a later version needs is a
/// new script, and the rendering of every version is pinned by the stores' schema tests. Compiled into each SQL store package.
/// </summary>
internal static class StoreTables
{
    /// <summary>Version 3: the schedules' persisted pause state and its audit trail.</summary>
    public static string ScheduleTables(ColumnTypes t) =>
        $"""
        CREATE TABLE schedule_states (
            schedule_id {t.Text} NOT NULL PRIMARY KEY,
            paused {t.Boolean} NOT NULL,
            changed_at {t.Time} NOT NULL,
            changed_by {t.Text} NULL,
            reason {t.Text} NULL,
            change_id {t.Text} NOT NULL
        );
        CREATE TABLE schedule_audit (
            id {t.Identity},
            change_id {t.Text} NOT NULL UNIQUE,
            schedule_id {t.Text} NOT NULL,
            interface_id {t.Text} NOT NULL,
            action {t.Integer} NOT NULL,
            at {t.Time} NOT NULL,
            actor {t.Text} NULL,
            reason {t.Text} NULL
        );
        """;

    /// <summary>Version 4: the cancel request stored on an execution.</summary>
    public static string CancelRequestColumns(ColumnTypes t) =>
        $"""
        ALTER TABLE executions ADD COLUMN cancel_requested_at {t.Time} NULL;
        ALTER TABLE executions ADD COLUMN cancel_requested_by {t.Text} NULL;
        """;

    /// <summary>Version 5: the operator actions recorded on executions.</summary>
    public static string ExecutionActionsTable(ColumnTypes t) =>
        $"""
        CREATE TABLE execution_actions (
            id {t.Identity},
            execution_id {t.ExecutionId} NOT NULL,
            kind {t.Integer} NOT NULL,
            at {t.Time} NOT NULL,
            actor {t.Text} NULL,
            detail {t.Text} NULL
        );
        """;

    /// <summary>Version 6: run requests, asked on an operate-only host and claimed by an executing node.</summary>
    public static string RunRequestsTable(ColumnTypes t) =>
        $"""
        CREATE TABLE run_requests (
            id {t.Text} NOT NULL PRIMARY KEY,
            interface_id {t.Text} NOT NULL,
            trigger {t.Integer} NOT NULL,
            window_from {t.Time} NOT NULL,
            window_to {t.Time} NOT NULL,
            rerun_of {t.ExecutionId} NULL,
            actor {t.Text} NULL,
            requested_at {t.Time} NOT NULL,
            claimed_by {t.Text} NULL,
            claimed_at {t.Time} NULL,
            claim_id {t.Text} NULL,
            execution_id {t.ExecutionId} NULL
        );
        """;

    /// <summary>
    /// Version 9: automatic re-runs are run requests due at a later time (<c>due_at</c>), numbered in their failure chain
    /// (<c>attempt</c>); and the notification outbox, each row claimed by one node at a time (<c>claim_id</c>, as for run
    /// requests).
    /// </summary>
    public static string NotificationsScript(ColumnTypes t) =>
        $"""
        ALTER TABLE run_requests ADD COLUMN due_at {t.Time} NULL;
        ALTER TABLE run_requests ADD COLUMN attempt {t.Integer} NULL;
        CREATE TABLE notifications (
            id {t.Text} NOT NULL PRIMARY KEY,
            interface_id {t.Text} NOT NULL,
            kind {t.Integer} NOT NULL,
            payload {t.Text} NOT NULL,
            created_at {t.Time} NOT NULL,
            attempts {t.Integer} NOT NULL DEFAULT 0,
            claimed_by {t.Text} NULL,
            claimed_at {t.Time} NULL,
            claim_id {t.Text} NULL,
            delivered_at {t.Time} NULL,
            last_error {t.Text} NULL
        );
        """;

    /// <summary>
    /// Every version's script, in order: the store's own tables (versions 1 and 2) and line search (version 8), and the
    /// rest written once here and in <see cref="StoreSchema"/>.
    /// </summary>
    public static string[] Migrations(string version1, string version2, ColumnTypes t, string lineSearch) =>
    [
        version1,
        version2,
        ScheduleTables(t) + "\n" + StoreSchema.ScheduleAuditIndex,
        CancelRequestColumns(t),
        ExecutionActionsTable(t) + "\n" + StoreSchema.ExecutionActionsIndex,
        RunRequestsTable(t) + "\n" + StoreSchema.RunRequestIndexes,
        StoreSchema.OverviewIndexes,
        lineSearch,
        NotificationsScript(t) + "\n" + StoreSchema.NotificationIndexes,
    ];

    /// <summary>
    /// Version 10, SQLite only (PostgreSQL's word index, GIN with its pending list, already keeps the words off the append
    /// path): each execution's <c>indexed_sequence</c>, the last of its lines whose words are in <c>log_search</c>. The log
    /// writer commits lines without their words and indexes them afterwards, in a later transaction that moves the mark;
    /// the line search reads the lines above the mark directly. Every line stored before this version was indexed with
    /// its append, so the mark starts at <c>last_sequence</c>. The partial index lists the executions with lines above
    /// the mark (what the writer indexes next, what the search reads directly).
    /// </summary>
    public const string SqliteWordIndexMark =
        """
        ALTER TABLE executions ADD COLUMN indexed_sequence INTEGER NOT NULL DEFAULT 0;
        UPDATE executions SET indexed_sequence = last_sequence;
        CREATE INDEX ix_executions_unindexed ON executions (id, indexed_sequence, last_sequence) WHERE indexed_sequence < last_sequence;
        """;
}
