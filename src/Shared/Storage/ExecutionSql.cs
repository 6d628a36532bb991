using System.Globalization;

namespace Integration.Storage;

/// <summary>
/// The statements of the SQL stores, written once from a <see cref="SqlDialect"/>. Stored enum values come from the
/// enums (their values are pinned), never from literals. Compiled into each SQL store package.
/// </summary>
internal sealed partial class ExecutionSql(SqlDialect dialect, TimeProvider time)
{
    public const string ExecutionColumns =
        "id, interface_id, schedule_id, kind, trigger, window_from, window_to, rerun_of, unique_key, status, reason, started_at, ended_at, " +
        "duration_exceeded, err_external, err_configuration, err_mapping, err_technical, err_cascade, node_id, heartbeat_at";

    public const string LineColumns =
        "sequence, time, level, category, message, correlation_id, caused_by, exception_type, exception_message, exception_stack, " +
        "ex_direction, ex_method, ex_target, ex_status, ex_duration, ex_request_headers, ex_request_body, ex_response_headers, ex_response_body";

    public const string ScheduleStateColumns = "schedule_id, paused, changed_at, changed_by, reason";

    public const string ScheduleAuditColumns = "schedule_id, interface_id, action, at, actor, reason";

    /// <summary>The columns an execution is read from: <see cref="ExecutionColumns"/>, then its cancel request.</summary>
    public const string ReadColumns = ExecutionColumns + ", cancel_requested_at, cancel_requested_by";

    public const string ExecutionActionColumns = "execution_id, kind, at, actor, detail";

    /// <summary>The status of an execution that has not ended, as stored.</summary>
    public static readonly string Running = Stored(ExecutionStatus.Running);

    private static readonly string[] ErrorColumns = ["err_external", "err_configuration", "err_mapping", "err_technical", "err_cascade"];

    private readonly SqlDialect _d = dialect;
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public SqlDialect Dialect => _d;

    /// <summary>Gets an enum member's stored number, for a statement's text.</summary>
    public static string Stored<TEnum>(TEnum member)
        where TEnum : struct, Enum
        => Convert.ToInt32(member, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>Inserts an execution with its lease taken now; a conflict inserts nothing.</summary>
    public SqlStatement Insert(Execution e)
    {
        var values = string.Join(", ", ExecutionColumns.Split(", ").Select(_d.Parameter));
        return Clock(new SqlStatement($"INSERT INTO executions ({ExecutionColumns}, lease_at) VALUES ({values}, {_d.Now}) {_d.InsertConflict}"))
            .With("id", e.Id)
            .With("interface_id", e.InterfaceId)
            .With("schedule_id", e.ScheduleId)
            .With("kind", (int)e.Kind)
            .With("trigger", (int)e.Trigger)
            .With("window_from", e.Window.From)
            .With("window_to", e.Window.To)
            .With("rerun_of", e.RerunOf)
            .With("unique_key", e.UniqueKey)
            .With("status", (int)e.Status)
            .With("reason", (int)e.Reason)
            .With("started_at", e.StartedAt)
            .With("ended_at", e.EndedAt)
            .With("duration_exceeded", e.DurationExceeded)
            .With("err_external", e.Errors.External)
            .With("err_configuration", e.Errors.Configuration)
            .With("err_mapping", e.Errors.Mapping)
            .With("err_technical", e.Errors.Technical)
            .With("err_cascade", e.Errors.Cascade)
            .With("node_id", e.NodeId)
            .With("heartbeat_at", e.HeartbeatAt);
    }

    public SqlStatement SelectById(ExecutionId id)
        => new SqlStatement($"SELECT {ReadColumns} FROM executions WHERE id = {_d.Parameter("v")}").With("v", id);

    public SqlStatement SelectByUniqueKey(string uniqueKey)
        => new SqlStatement($"SELECT {ReadColumns} FROM executions WHERE unique_key = {_d.Parameter("v")}").With("v", uniqueKey);

    public SqlStatement MarkDurationExceeded(ExecutionId id)
        => new SqlStatement($"UPDATE executions SET duration_exceeded = {_d.True} WHERE id = {_d.Parameter("id")} AND status = {Running} AND duration_exceeded = {_d.False}")
            .With("id", id);

    /// <summary>
    /// Ends a running execution, returning it: each count becomes the larger of the stored one (the error lines) and
    /// the completion's, and OK with errors ends KO.
    /// </summary>
    public SqlStatement Complete(ExecutionCompletion completion)
    {
        var counts = ErrorColumns.Select((column, i) => $"{_d.Greatest}({column}, {_d.Parameter("e" + i.ToString(CultureInfo.InvariantCulture))})").ToList();
        var upgrade = $"{_d.Parameter("status")} = {Stored(ExecutionStatus.OK)} AND {string.Join(" + ", counts)} > 0";
        var statement = new SqlStatement(
            $"UPDATE executions SET status = CASE WHEN {upgrade} THEN {Stored(ExecutionStatus.KO)} ELSE {_d.Parameter("status")} END, " +
            $"reason = CASE WHEN {upgrade} THEN {Stored(ExecutionReason.Error)} ELSE {_d.Parameter("reason")} END, ended_at = {_d.Parameter("ended_at")}, " +
            string.Concat(ErrorColumns.Select((column, i) => $"{column} = {counts[i]}, ")) +
            $"duration_exceeded = {_d.Greatest}(duration_exceeded, {_d.Parameter("exceeded")}) " +
            $"WHERE id = {_d.Parameter("id")} AND status = {Running} RETURNING {ReadColumns}");
        var errors = completion.Errors;
        return statement
            .With("id", completion.ExecutionId)
            .With("status", (int)completion.Status)
            .With("reason", (int)completion.Reason)
            .With("ended_at", completion.EndedAt)
            .With("e0", errors.External)
            .With("e1", errors.Configuration)
            .With("e2", errors.Mapping)
            .With("e3", errors.Technical)
            .With("e4", errors.Cascade)
            .With("exceeded", completion.DurationExceeded);
    }

    public SqlStatement RenewLease(ExecutionId id, string nodeId)
        => Clock(new SqlStatement($"UPDATE executions SET lease_at = {_d.Now}, heartbeat_at = {_d.Now} WHERE id = {_d.Parameter("id")} AND status = {Running} AND node_id = {_d.Parameter("node")}"))
            .With("id", id)
            .With("node", nodeId);

    /// <summary>Renews a lease, returning the execution's cancel request (no row: the lease was lost).</summary>
    public SqlStatement RenewLeaseAndReadCancel(ExecutionId id, string nodeId)
        => Clock(new SqlStatement(
            $"UPDATE executions SET lease_at = {_d.Now}, heartbeat_at = {_d.Now} WHERE id = {_d.Parameter("id")} AND status = {Running} " +
            $"AND node_id = {_d.Parameter("node")} RETURNING cancel_requested_at, cancel_requested_by"))
            .With("id", id)
            .With("node", nodeId);

    /// <summary>Stores a cancel request on a running execution, unless it has one (the first stands); returns the stored one.</summary>
    public SqlStatement RequestCancel(ExecutionId id, string? actor)
        => Clock(new SqlStatement(
            $"UPDATE executions SET cancel_requested_by = CASE WHEN cancel_requested_at IS NULL THEN {_d.Parameter("actor")} ELSE cancel_requested_by END, " +
            $"cancel_requested_at = coalesce(cancel_requested_at, {_d.Now}) WHERE id = {_d.Parameter("id")} AND status = {Running} " +
            "RETURNING cancel_requested_at, cancel_requested_by"))
            .With("id", id)
            .With("actor", actor);

    /// <summary>Abandons the scheduled executions whose lease is older than the timeout, by the store's clock.</summary>
    public SqlStatement AbandonExpired(TimeSpan leaseTimeout)
        => Clock(new SqlStatement(
            $"UPDATE executions SET status = {Stored(ExecutionStatus.Abandoned)}, reason = {Stored(ExecutionReason.Abandoned)}, ended_at = {_d.Now} " +
            $"WHERE status = {Running} AND kind = {Stored(ExecutionKind.Scheduled)} AND lease_at <= {_d.Now} - {_d.Parameter("timeout")}"))
            .With("timeout", leaseTimeout);

    /// <summary>Selects a page of executions, newest first, one more than the limit (to tell whether a next page exists).</summary>
    public SqlStatement Query(ExecutionQuery query)
    {
        var statement = new SqlStatement($"SELECT {ReadColumns} FROM executions WHERE 1 = 1");
        Filter(statement, "interface_id = ", "interface", query.InterfaceId);
        Filter(statement, "schedule_id = ", "schedule", query.ScheduleId);
        Filter(statement, "status = ", "status", (int?)query.Status);
        Filter(statement, "kind = ", "kind", (int?)query.Kind);
        Filter(statement, "rerun_of = ", "rerun_of", query.RerunOf);
        Filter(statement, "started_at >= ", "from", query.StartedFrom);
        Filter(statement, "started_at < ", "before", query.StartedBefore);
        Filter(statement, "id < ", "cursor", query.Before);
        return statement.Append($" ORDER BY id DESC LIMIT {_d.Parameter("limit")}").With("limit", query.Limit + 1);
    }

    public SqlStatement ReadLog(ExecutionId id, LogQuery query)
        => new SqlStatement(
            $"SELECT {LineColumns} FROM log_lines WHERE execution_id = {_d.Parameter("id")} AND sequence > {_d.Parameter("after")} " +
            $"AND level >= {_d.Parameter("level")} ORDER BY sequence LIMIT {_d.Parameter("limit")}")
            .With("id", id)
            .With("after", query.AfterSequence)
            .With("level", (int)query.MinLevel)
            .With("limit", query.Limit);

    /// <summary>
    /// Pauses or resumes a schedule and audits it, in two statements to run in one transaction. The state changes only
    /// when it differs (a schedule never paused has no row, and resuming it writes none); the audit entry is written
    /// only when this call's <paramref name="change"/> is the state's, once, so a retried call writes nothing twice.
    /// </summary>
    public SqlStatement SetSchedulePaused(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, string change)
        => Clock(new SqlStatement(
            "INSERT INTO schedule_states (schedule_id, paused, changed_at, changed_by, reason, change_id) " +
            $"SELECT {_d.Parameter("schedule")}, {_d.Parameter("paused")}, {_d.Now}, {_d.Parameter("actor")}, {_d.Parameter("reason")}, {_d.Parameter("change")} " +
            $"WHERE {_d.Parameter("paused")} OR EXISTS (SELECT 1 FROM schedule_states WHERE schedule_id = {_d.Parameter("schedule")}) " +
            "ON CONFLICT (schedule_id) DO UPDATE SET paused = excluded.paused, changed_at = excluded.changed_at, changed_by = excluded.changed_by, " +
            "reason = excluded.reason, change_id = excluded.change_id WHERE schedule_states.paused <> excluded.paused;\n" +
            "INSERT INTO schedule_audit (change_id, schedule_id, interface_id, action, at, actor, reason) " +
            $"SELECT change_id, schedule_id, {_d.Parameter("interface")}, {_d.Parameter("action")}, changed_at, changed_by, reason FROM schedule_states " +
            $"WHERE schedule_id = {_d.Parameter("schedule")} AND change_id = {_d.Parameter("change")} " +
            $"AND NOT EXISTS (SELECT 1 FROM schedule_audit WHERE change_id = {_d.Parameter("change")});"))
            .With("schedule", scheduleId)
            .With("paused", paused)
            .With("actor", actor)
            .With("reason", reason)
            .With("change", change)
            .With("interface", interfaceId)
            .With("action", (int)(paused ? ScheduleAction.Paused : ScheduleAction.Resumed));

    public SqlStatement SelectScheduleStates(string? scheduleId)
    {
        var statement = new SqlStatement($"SELECT {ScheduleStateColumns} FROM schedule_states");
        return scheduleId is null ? statement : statement.Append($" WHERE schedule_id = {_d.Parameter("schedule")}").With("schedule", scheduleId);
    }

    /// <summary>An interface's audit entries, newest first (ties by insertion order).</summary>
    public SqlStatement SelectScheduleAudit(string interfaceId, int limit)
        => new SqlStatement(
            $"SELECT {ScheduleAuditColumns} FROM schedule_audit WHERE interface_id = {_d.Parameter("interface")} " +
            $"ORDER BY at DESC, id DESC LIMIT {_d.Parameter("limit")}")
            .With("interface", interfaceId)
            .With("limit", limit);

    /// <summary>Gets the statements of run requests, in the same dialect and clock.</summary>
    public RunRequestSql RunRequests => field ??= new RunRequestSql(_d, _time);

    /// <summary>Gets the statements of the notification outbox, in the same dialect and clock.</summary>
    public NotificationSql Notifications => field ??= new NotificationSql(_d, _time);

    /// <summary>
    /// The update a log batch makes to each of its executions: its last sequence, its error counts (parameters
    /// <c>e0</c>…<c>e4</c>, and their total <c>errors</c>), and OK → KO when errors land after it ended OK.
    /// </summary>
    public static string AddBatch(SqlDialect dialect, string lastSequence, string condition)
    {
        var whenErrors = $"WHEN status = {Stored(ExecutionStatus.OK)} AND {dialect.Parameter("errors")} > 0";
        return $"UPDATE executions SET last_sequence = {lastSequence}, " +
            string.Concat(ErrorColumns.Select((column, i) => $"{column} = {column} + {dialect.Parameter("e" + i.ToString(CultureInfo.InvariantCulture))}, ")) +
            $"status = CASE {whenErrors} THEN {Stored(ExecutionStatus.KO)} ELSE status END, " +
            $"reason = CASE {whenErrors} THEN {Stored(ExecutionReason.Error)} ELSE reason END WHERE id = {dialect.Parameter("id")}{condition}";
    }

    /// <summary>Records an operator action on an execution, by the store's clock; no row when the store does not hold the execution.</summary>
    public SqlStatement RecordExecutionAction(ExecutionId id, ExecutionActionKind kind, string? actor, string? detail)
        => Clock(new SqlStatement(
            $"INSERT INTO execution_actions (execution_id, kind, at, actor, detail) SELECT id, {_d.Parameter("kind")}, {_d.Now}, {_d.Parameter("actor")}, " +
            $"{_d.Parameter("detail")} FROM executions WHERE id = {_d.Parameter("id")} RETURNING {ExecutionActionColumns}"))
            .With("id", id)
            .With("kind", (int)kind)
            .With("actor", actor)
            .With("detail", detail);

    /// <summary>An execution's first actions, in the order they were recorded.</summary>
    public SqlStatement SelectExecutionActions(ExecutionId id, int limit)
        => new SqlStatement(
            $"SELECT {ExecutionActionColumns} FROM execution_actions WHERE execution_id = {_d.Parameter("id")} ORDER BY id LIMIT {_d.Parameter("limit")}")
            .With("id", id)
            .With("limit", limit);

    private void Filter<T>(SqlStatement statement, string condition, string name, T value)
    {
        if (value is not null)
        {
            statement.Append(" AND " + condition + _d.Parameter(name)).With(name, value);
        }
    }

    private SqlStatement Clock(SqlStatement statement) => _d.BindsNow ? statement.With("now", _time.GetUtcNow()) : statement;
}
