using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite;

/// <summary>
/// SQLite's way of writing the shared statements: <c>$</c> parameters, the injected clock bound as <c>$now</c>,
/// booleans as 0/1, ids as text and instants as UTC ticks (so they sort and compare exactly). Only a taken unique key
/// makes an insert do nothing: a taken id is a constraint violation, which the store reports.
/// </summary>
internal sealed class SqliteDialect() : SqlDialect('$', bindsNow: true, ("1", "0"), "max", "ON CONFLICT (unique_key) DO NOTHING")
{
    public static readonly SqliteDialect Instance = new();

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public override ExecutionId ReadId(DbDataReader reader, int ordinal) => ExecutionId.Parse(reader.GetString(ordinal));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => Time(reader.GetInt64(ordinal));

    public override void Bind(DbCommand command, SqlStatement statement)
    {
        var parameters = ((SqliteCommand)command).Parameters;
        foreach (var (name, value, _) in statement.Arguments)
        {
            parameters.AddWithValue("$" + name, Value(value));
        }
    }

    /// <summary>Converts a value to the way SQLite keeps it.</summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        ExecutionId id => id.ToString(),
        DateTimeOffset time => time.UtcTicks,
        TimeSpan span => span.Ticks,
        _ => value,
    };

    /// <summary>
    /// The text index (<c>log_search</c>, FTS5, contentless) is keyed by a line's <c>rowid</c>: its execution's
    /// <c>search_key</c> in the high 32 bits, its sequence in the low ones (<see cref="SearchRowId"/>). It holds the lines
    /// up to each execution's mark; the few above it, committed but not indexed yet, are read directly
    /// (<see cref="SqliteWordIndex.LinesAboveTheMark"/>), so a line is found as soon as its append completed.
    /// </summary>
    public override string LinesHoldingWords =>
        "SELECT e.id, s.rowid & 4294967295 FROM log_search s JOIN executions e ON e.search_key = s.rowid >> 32 WHERE log_search MATCH $words UNION " +
        SqliteWordIndex.LinesAboveTheMark;

    /// <summary>Each word as an FTS5 string (words are letters and digits only, so never need escaping): all of them required.</summary>
    public override string Words(IReadOnlyList<string> words) => string.Join(" ", words.Select(w => "\"" + w + "\""));

    /// <summary>A line's key in the text index: its execution's search key, then its sequence.</summary>
    public static long SearchRowId(long searchKey, long sequence) => (searchKey << 32) | sequence;
}
