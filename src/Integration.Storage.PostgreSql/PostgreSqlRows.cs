using Npgsql;
using NpgsqlTypes;

namespace Integration.Storage.PostgreSql;

/// <summary>Writes log lines through binary COPY. Times are stored to the microsecond, in UTC.</summary>
internal static class PostgreSqlRows
{
    public const string CopyLines = "COPY log_lines (execution_id, " + ExecutionSql.LineColumns + ") FROM STDIN (FORMAT BINARY)";

    public static async Task WriteLineAsync(NpgsqlBinaryImporter copy, Guid executionId, long sequence, LogEntry line, CancellationToken cancellationToken)
    {
        var x = line.Exchange;
        await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(executionId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(line.Time.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync((int)line.Level, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, (int?)line.Category, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await copy.WriteAsync(line.Message, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.CorrelationId, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, line.CausedBy, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.Type, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.Message, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, line.Exception?.StackTrace, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, (int?)x?.Direction, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.Method, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.Target, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, x?.StatusCode, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
        await WriteValueAsync(copy, x?.Duration?.Ticks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.RequestHeaders, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.RequestBody, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.ResponseHeaders, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(copy, x?.ResponseBody, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
        => value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteValueAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
        => value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
