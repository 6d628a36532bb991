using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>Maps executions and log lines to rows and back.</summary>
internal static class SqliteRows
{
    public const string ExecutionColumns =
        "id, interface_id, schedule_id, kind, trigger, window_from, window_to, rerun_of, unique_key, status, reason, started_at, ended_at, " +
        "duration_exceeded, err_external, err_configuration, err_mapping, err_technical, err_cascade, node_id, heartbeat_at";

    public const string LineColumns =
        "sequence, time, level, category, message, correlation_id, caused_by, exception_type, exception_message, exception_stack, " +
        "ex_direction, ex_method, ex_target, ex_status, ex_duration, ex_request_headers, ex_request_body, ex_response_headers, ex_response_body";

    public static long Ticks(DateTimeOffset time) => time.UtcTicks;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static void AddExecutionParameters(SqliteCommand command, Execution e, DateTimeOffset leaseAt)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", e.Id.ToString());
        p.AddWithValue("$interface_id", e.InterfaceId);
        p.AddWithValue("$schedule_id", e.ScheduleId);
        p.AddWithValue("$kind", (int)e.Kind);
        p.AddWithValue("$trigger", (int)e.Trigger);
        p.AddWithValue("$window_from", Ticks(e.Window.From));
        p.AddWithValue("$window_to", Ticks(e.Window.To));
        p.AddWithValue("$rerun_of", (object?)e.RerunOf?.ToString() ?? DBNull.Value);
        p.AddWithValue("$unique_key", (object?)e.UniqueKey ?? DBNull.Value);
        p.AddWithValue("$status", (int)e.Status);
        p.AddWithValue("$reason", (int)e.Reason);
        p.AddWithValue("$started_at", Ticks(e.StartedAt));
        p.AddWithValue("$ended_at", e.EndedAt is { } ended ? Ticks(ended) : DBNull.Value);
        p.AddWithValue("$duration_exceeded", e.DurationExceeded);
        p.AddWithValue("$err_external", e.Errors.External);
        p.AddWithValue("$err_configuration", e.Errors.Configuration);
        p.AddWithValue("$err_mapping", e.Errors.Mapping);
        p.AddWithValue("$err_technical", e.Errors.Technical);
        p.AddWithValue("$err_cascade", e.Errors.Cascade);
        p.AddWithValue("$node_id", (object?)e.NodeId ?? DBNull.Value);
        p.AddWithValue("$heartbeat_at", e.HeartbeatAt is { } beat ? Ticks(beat) : DBNull.Value);
        p.AddWithValue("$lease_at", Ticks(leaseAt));
    }

    public static Execution ReadExecution(SqliteDataReader r)
        => StoreRows.ReadExecution(r, static (row, i) => ExecutionId.Parse(row.GetString(i)), static (row, i) => Time(row.GetInt64(i)));

    /// <summary>Creates the prepared insert of one line; <see cref="BindLine"/> fills it for each line.</summary>
    public static SqliteCommand CreateLineInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_lines (execution_id, " + LineColumns + ") VALUES ($e, $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18)";
        // Untyped parameters: each value binds as its own type.
        command.Parameters.AddWithValue("$e", DBNull.Value);
        for (var i = 0; i <= 18; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value);
        }

        return command;
    }

    public static void BindLine(SqliteCommand insert, string executionId, long sequence, in LogEntry line)
    {
        var p = insert.Parameters;
        var x = line.Exchange;
        p[0].Value = executionId;
        p[1].Value = sequence;
        p[2].Value = Ticks(line.Time);
        p[3].Value = (int)line.Level;
        p[4].Value = line.Category is { } category ? (int)category : DBNull.Value;
        p[5].Value = line.Message;
        p[6].Value = (object?)line.CorrelationId ?? DBNull.Value;
        p[7].Value = line.CausedBy is { } causedBy ? causedBy : DBNull.Value;
        p[8].Value = (object?)line.Exception?.Type ?? DBNull.Value;
        p[9].Value = (object?)line.Exception?.Message ?? DBNull.Value;
        p[10].Value = (object?)line.Exception?.StackTrace ?? DBNull.Value;
        p[11].Value = x is null ? DBNull.Value : (int)x.Direction;
        p[12].Value = (object?)x?.Method ?? DBNull.Value;
        p[13].Value = (object?)x?.Target ?? DBNull.Value;
        p[14].Value = x?.StatusCode is { } status ? status : DBNull.Value;
        p[15].Value = x?.Duration is { } duration ? duration.Ticks : DBNull.Value;
        p[16].Value = (object?)x?.RequestHeaders ?? DBNull.Value;
        p[17].Value = (object?)x?.RequestBody ?? DBNull.Value;
        p[18].Value = (object?)x?.ResponseHeaders ?? DBNull.Value;
        p[19].Value = (object?)x?.ResponseBody ?? DBNull.Value;
    }

    public static LogEntry ReadLine(SqliteDataReader r) => StoreRows.ReadLine(r, static (row, i) => Time(row.GetInt64(i)));
}
