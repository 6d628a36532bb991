using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>Writes log lines through one prepared insert, bound again for each line.</summary>
internal static class SqliteRows
{
    /// <summary>Creates the prepared insert of one line; <see cref="BindLine"/> fills it for each line.</summary>
    public static SqliteCommand CreateLineInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_lines (execution_id, " + ExecutionSql.LineColumns + ") VALUES ($e, $p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18)";
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
        p[2].Value = line.Time.UtcTicks;
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

    /// <summary>Creates the prepared insert of one line's message into the text index; <see cref="BindSearch"/> fills it.</summary>
    public static SqliteCommand CreateSearchInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_search (rowid, message) VALUES ($r, $m)";
        command.Parameters.AddWithValue("$r", 0L);
        command.Parameters.AddWithValue("$m", string.Empty);
        return command;
    }

    /// <summary>Binds a line's key in the text index and the part of its message that is searched.</summary>
    public static void BindSearch(SqliteCommand insert, long rowId, string message)
    {
        insert.Parameters[0].Value = rowId;
        insert.Parameters[1].Value = message.Length > LineSearch.IndexedMessageLength ? message[..LineSearch.IndexedMessageLength] : message;
    }
}
