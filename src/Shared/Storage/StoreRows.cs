using System.Data.Common;

namespace Integration.Storage;

/// <summary>
/// Reads executions and log lines back from the rows the SQL stores share (same columns, same order). Each store
/// says how it keeps ids and instants; everything else maps the same. Compiled into each SQL store package.
/// </summary>
internal static class StoreRows
{
    public static ScheduleState ReadScheduleState(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> time)
        => new(r.GetString(0), r.GetBoolean(1), time(r, 2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));

    public static ScheduleAuditEntry ReadScheduleAudit(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> time)
        => new(r.GetString(0), r.GetString(1), (ScheduleAction)r.GetInt32(2), time(r, 3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));

    /// <summary>Reads <c>cancel_requested_at, cancel_requested_by</c>, as a renewal that held.</summary>
    public static LeaseRenewal ReadRenewal(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> time)
        => new(Renewed: true, r.IsDBNull(0) ? null : new CancelRequest(r.IsDBNull(1) ? null : r.GetString(1), time(r, 0)));

    /// <summary>Reads an execution from <see cref="ExecutionSql.ReadColumns"/>, which every read of an execution selects.</summary>
    public static Execution ReadExecution(DbDataReader r, Func<DbDataReader, int, ExecutionId> id, Func<DbDataReader, int, DateTimeOffset> time) => new()
    {
        Id = id(r, 0),
        InterfaceId = r.GetString(1),
        ScheduleId = r.GetString(2),
        Kind = (ExecutionKind)r.GetInt32(3),
        Trigger = (ExecutionTrigger)r.GetInt32(4),
        Window = new ExecutionWindow(time(r, 5), time(r, 6)),
        RerunOf = r.IsDBNull(7) ? null : id(r, 7),
        UniqueKey = r.IsDBNull(8) ? null : r.GetString(8),
        Status = (ExecutionStatus)r.GetInt32(9),
        Reason = (ExecutionReason)r.GetInt32(10),
        StartedAt = time(r, 11),
        EndedAt = r.IsDBNull(12) ? null : time(r, 12),
        DurationExceeded = r.GetBoolean(13),
        Errors = new ErrorCounts(r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17), r.GetInt32(18)),
        NodeId = r.IsDBNull(19) ? null : r.GetString(19),
        HeartbeatAt = r.IsDBNull(20) ? null : time(r, 20),
        CancelRequest = r.IsDBNull(21) ? null : new CancelRequest(r.IsDBNull(22) ? null : r.GetString(22), time(r, 21)),
    };

    public static LogEntry ReadLine(DbDataReader r, Func<DbDataReader, int, DateTimeOffset> time) => new()
    {
        Sequence = r.GetInt64(0),
        Time = time(r, 1),
        Level = (ExecutionLogLevel)r.GetInt32(2),
        Category = r.IsDBNull(3) ? null : (ErrorCategory)r.GetInt32(3),
        Message = r.GetString(4),
        CorrelationId = r.IsDBNull(5) ? null : r.GetString(5),
        CausedBy = r.IsDBNull(6) ? null : r.GetInt64(6),
        Exception = r.IsDBNull(7) ? null : new ExceptionSummary(r.GetString(7), r.IsDBNull(8) ? string.Empty : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9)),
        Exchange = r.IsDBNull(10) ? null : new ExchangeDetails
        {
            Direction = (InterfaceDirection)r.GetInt32(10),
            Method = r.IsDBNull(11) ? null : r.GetString(11),
            Target = r.IsDBNull(12) ? null : r.GetString(12),
            StatusCode = r.IsDBNull(13) ? null : r.GetInt32(13),
            Duration = r.IsDBNull(14) ? null : TimeSpan.FromTicks(r.GetInt64(14)),
            RequestHeaders = r.IsDBNull(15) ? null : r.GetString(15),
            RequestBody = r.IsDBNull(16) ? null : r.GetString(16),
            ResponseHeaders = r.IsDBNull(17) ? null : r.GetString(17),
            ResponseBody = r.IsDBNull(18) ? null : r.GetString(18),
        },
    };

    /// <summary>Reads <see cref="ExecutionSql.ExecutionActionColumns"/>.</summary>
    public static ExecutionAction ReadExecutionAction(DbDataReader r, Func<DbDataReader, int, ExecutionId> id, Func<DbDataReader, int, DateTimeOffset> time)
        => new(id(r, 0), (ExecutionActionKind)r.GetInt32(1), time(r, 2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));
}
