using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Integration.Storage.Sqlite;

/// <summary>
/// Inserts log lines through SQLite's own prepared statements (SQLitePCLRaw, on the connection's handle and inside its
/// transaction), bound by position. The log writer runs it once per line, so it skips what a <see cref="SqliteCommand"/>
/// costs per run (a reader, and a parameter looked up by name for each value). A line without exception or exchange
/// (most of them) goes through a statement of 8 values; the others through one of all 20.
/// </summary>
internal sealed class SqliteLineInsert : IDisposable
{
    private const string Plain = "INSERT INTO log_lines (execution_id, sequence, time, level, category, message, correlation_id, caused_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    private const string Full = "INSERT INTO log_lines (execution_id, " + ExecutionSql.LineColumns + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

    private readonly sqlite3 _db;
    private sqlite3_stmt? _plain;
    private sqlite3_stmt? _full;

    public SqliteLineInsert(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("SQLite execution store: the writer connection is not open.");
    }

    /// <summary>Inserts one line of an execution (its id as stored) under its sequence.</summary>
    public void Insert(string executionId, long sequence, in LogEntry line)
    {
        var full = line.Exception is not null || line.Exchange is not null;
        var statement = full ? _full ??= Prepare(Full) : _plain ??= Prepare(Plain);
        Text(statement, 1, executionId);
        Check(raw.sqlite3_bind_int64(statement, 2, sequence));
        Check(raw.sqlite3_bind_int64(statement, 3, line.Time.UtcTicks));
        Check(raw.sqlite3_bind_int(statement, 4, (int)line.Level));
        Integer(statement, 5, line.Category is { } category ? (int)category : null);
        Text(statement, 6, line.Message);
        Text(statement, 7, line.CorrelationId);
        Integer(statement, 8, line.CausedBy);
        if (full)
        {
            var x = line.Exchange;
            Text(statement, 9, line.Exception?.Type);
            Text(statement, 10, line.Exception?.Message);
            Text(statement, 11, line.Exception?.StackTrace);
            Integer(statement, 12, x is null ? null : (int)x.Direction);
            Text(statement, 13, x?.Method);
            Text(statement, 14, x?.Target);
            Integer(statement, 15, x?.StatusCode);
            Integer(statement, 16, x?.Duration?.Ticks);
            Text(statement, 17, x?.RequestHeaders);
            Text(statement, 18, x?.RequestBody);
            Text(statement, 19, x?.ResponseHeaders);
            Text(statement, 20, x?.ResponseBody);
        }

        var done = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (done != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(done, _db);
        }
    }

    public void Dispose()
    {
        _plain?.Dispose();
        _full?.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        return statement;
    }

    private void Text(sqlite3_stmt statement, int index, string? value)
        => Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text16(statement, index, value));

    private void Integer(sqlite3_stmt statement, int index, long? value)
        => Check(value is { } v ? raw.sqlite3_bind_int64(statement, index, v) : raw.sqlite3_bind_null(statement, index));

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
