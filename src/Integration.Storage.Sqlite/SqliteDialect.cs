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
}
