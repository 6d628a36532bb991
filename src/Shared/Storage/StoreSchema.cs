using System.Data.Common;
using System.Globalization;

namespace Integration.Storage;

/// <summary>
/// What the SQL stores' schemas share: the indexes, the error recount of version 2, and the bookkeeping of versions.
/// Each version's script is never edited once released (a change is a new script appended); <c>schema_version</c>
/// holds the versions applied, and a database from a newer version of the package is refused, not guessed at. The
/// tables themselves stay per store, where the column types differ. Compiled into each SQL store package.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The indexes of version 1.</summary>
    public static readonly string Indexes =
        "CREATE INDEX ix_executions_interface ON executions (interface_id, id);\n" +
        $"CREATE INDEX ix_executions_running ON executions (lease_at) WHERE status = {ExecutionSql.Running};\n" +
        $"CREATE INDEX ix_executions_ended ON executions (ended_at) WHERE status <> {ExecutionSql.Running};\n";

    /// <summary>The index of version 2: re-runs by the execution they re-run.</summary>
    public const string RerunIndex = "CREATE INDEX ix_executions_rerun_of ON executions (rerun_of, id) WHERE rerun_of IS NOT NULL;\n";

    /// <summary>The index of version 3: an interface's audit trail, newest first.</summary>
    public const string ScheduleAuditIndex = "CREATE INDEX ix_schedule_audit_interface ON schedule_audit (interface_id, at DESC, id DESC);\n";

    /// <summary>The index of the execution actions (version 5): an execution's actions, in the order recorded.</summary>
    public const string ExecutionActionsIndex = "CREATE INDEX ix_execution_actions_execution ON execution_actions (execution_id, id);\n";
    /// <summary>The indexes of run requests (version 6): the open ones by age, and a claim's rows by its id.</summary>
    public const string RunRequestIndexes =
        "CREATE INDEX ix_run_requests_open ON run_requests (requested_at, id) WHERE execution_id IS NULL;\n" +
        "CREATE INDEX ix_run_requests_claim ON run_requests (claim_id) WHERE claim_id IS NOT NULL;\n";

    /// <summary>
    /// The indexes of the interface overview (version 7): an interface's newest execution of a status
    /// (its last KO, its running one), its executions of a status by start (today's OK and KO counts, read from the
    /// index alone), and each execution's error lines (its first error without reading the lines before it).
    /// <c>IF NOT EXISTS</c>: an operator may build them beforehand (PostgreSQL <c>CONCURRENTLY</c>), without locking writes.
    /// </summary>
    public static readonly string OverviewIndexes =
        "CREATE INDEX IF NOT EXISTS ix_executions_interface_status ON executions (interface_id, status, id);\n" +
        "CREATE INDEX IF NOT EXISTS ix_executions_interface_started ON executions (interface_id, status, started_at);\n" +
        $"CREATE INDEX IF NOT EXISTS ix_log_lines_errors ON log_lines (execution_id, sequence) WHERE level = {ExecutionSql.Stored(ExecutionLogLevel.Error)};\n";

    /// <summary>
    /// Version 2 keeps error counts on append: the executions running at the upgrade get their error lines counted
    /// once (ended ones keep the counts they ended with). A line with no category counts as technical.
    /// </summary>
    public static readonly string RecountErrors =
        "UPDATE executions SET\n" +
        string.Join(",\n", Enum.GetValues<ErrorCategory>().Select(category =>
            $"    err_{category.ToString().ToLowerInvariant()} = (SELECT count(*) FROM log_lines l WHERE l.execution_id = executions.id " +
            $"AND l.level = {ExecutionSql.Stored(ExecutionLogLevel.Error)} AND coalesce(l.category, {ExecutionSql.Stored(ErrorCategory.Technical)}) = {ExecutionSql.Stored(category)})")) +
        $"\nWHERE status = {ExecutionSql.Running};\n";

    /// <summary>
    /// Brings the database to the last of <paramref name="migrations"/>, in <paramref name="transaction"/> (which the
    /// caller began, and commits).
    /// </summary>
    /// <remarks>
    /// <c>about</c> names the store and the database (for messages), the package, the <c>CREATE TABLE IF NOT EXISTS
    /// schema_version</c> statement, the insert of a version applied (parameter <c>v</c>), and what to do about a
    /// database from a newer package.
    /// </remarks>
    public static async Task MigrateAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<string> migrations,
        (string Store, string Database, string Package, string VersionTable, string RecordVersion, string NewerAdvice) about,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, about.VersionTable, null, cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > migrations.Count)
        {
            throw new InvalidOperationException(
                $"{about.Store} execution store: the database '{about.Database}' has schema version {version}, newer than version {migrations.Count} that this " +
                $"{about.Package} understands. {about.NewerAdvice}");
        }

        for (var next = version + 1; next <= migrations.Count; next++)
        {
            await ExecuteAsync(connection, transaction, migrations[next - 1], null, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, about.RecordVersion, next, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, int? version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (version is { } v)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "v";
            parameter.Value = v;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The indexes of the notification outbox (version 9): the undelivered ones by age (what a claim reads), a claim's
    /// rows by its id, and the delivered ones by delivery (what a purge deletes).
    /// </summary>
    public const string NotificationIndexes =
        "CREATE INDEX ix_notifications_pending ON notifications (created_at, id) WHERE delivered_at IS NULL;\n" +
        "CREATE INDEX ix_notifications_claim ON notifications (claim_id) WHERE claim_id IS NOT NULL;\n" +
        "CREATE INDEX ix_notifications_delivered ON notifications (delivered_at) WHERE delivered_at IS NOT NULL;\n";

    /// <summary>
    /// The index of version 5 (line search): the lines that carry a correlation id, by it, newest last, so the lines of
    /// one call are read newest first from the index alone, without sorting.
    /// </summary>
    public const string CorrelationIndex =
        "CREATE INDEX ix_log_lines_correlation ON log_lines (correlation_id, time, execution_id, sequence) WHERE correlation_id IS NOT NULL;\n";
}
