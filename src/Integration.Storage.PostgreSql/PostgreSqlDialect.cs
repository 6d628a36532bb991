using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// PostgreSQL's way of writing the shared statements: <c>@</c> parameters, the database's clock (<c>now()</c>, never
/// a node's), true/false, ids as uuid and instants as timestamptz (to the microsecond, in UTC). Every argument is bound
/// with its type, NULLs included. Any conflict, on the unique key or on the id, makes an insert do nothing; the store's
/// re-read tells which.
/// </summary>
internal sealed class PostgreSqlDialect() : SqlDialect('@', bindsNow: false, ("true", "false"), "GREATEST", "ON CONFLICT DO NOTHING")
{
    public static readonly PostgreSqlDialect Instance = new();

    public override ExecutionId ReadId(DbDataReader reader, int ordinal) => new(reader.GetGuid(ordinal));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override void Bind(DbCommand command, SqlStatement statement)
    {
        var parameters = ((NpgsqlCommand)command).Parameters;
        foreach (var (name, value, type) in statement.Arguments)
        {
            parameters.Add(new NpgsqlParameter(name, TypeOf(type)) { Value = Value(value) });
        }
    }

    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        ExecutionId id => id.Value,
        DateTimeOffset time => time.ToUniversalTime(),
        _ => value,
    };

    private static NpgsqlDbType TypeOf(Type type)
        => type == typeof(ExecutionId) ? NpgsqlDbType.Uuid
        : type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz
        : type == typeof(TimeSpan) ? NpgsqlDbType.Interval
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : throw new ArgumentOutOfRangeException(nameof(type), type, "PostgreSQL execution store: no column type for this value.");

    /// <inheritdoc />
    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    /// <summary>
    /// The words of a line's message, as the text index (<c>ix_log_lines_words</c>, GIN) holds them: the first
    /// <see cref="LineSearch.IndexedMessageLength"/> characters, every run of other characters than letters and digits
    /// made a space (so words split as <see cref="LineSearch.Words"/> splits them), by the <c>simple</c> configuration
    /// (lower-cased, no stemming, no stop words). A query must write it exactly so for the index to answer it.
    /// </summary>
    public static readonly string MessageWords =
        $"to_tsvector('simple'::regconfig, regexp_replace(left(message, {LineSearch.IndexedMessageLength}), '[^[:alnum:]]+', ' ', 'g'))";

    public override string LinesHoldingWords => $"SELECT execution_id, sequence FROM log_lines WHERE {MessageWords} @@ plainto_tsquery('simple'::regconfig, @words)";

    public override string Words(IReadOnlyList<string> words) => string.Join(" ", words);
}
