using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>What PostgreSQL plans for a store statement (<c>EXPLAIN</c>), for the index tests.</summary>
internal static class QueryPlan
{
    /// <summary>
    /// The plan as one text, a line per node. With <paramref name="noSeqScan"/>, sequential scans are priced out first, so
    /// a small test table still shows whether an index can serve the statement.
    /// </summary>
    public static async Task<string> TextAsync(string connectionString, SqlStatement statement, bool noSeqScan = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (noSeqScan)
        {
            await using var noScans = new NpgsqlCommand("SET enable_seqscan = off", connection);
            await noScans.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + statement.Text, connection);
        PostgreSqlDialect.Instance.Bind(explain, statement);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        return string.Join("\n", plan);
    }
}
