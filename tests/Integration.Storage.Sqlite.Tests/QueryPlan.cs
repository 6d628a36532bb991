using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

/// <summary>What SQLite plans for a store statement (<c>EXPLAIN QUERY PLAN</c>), and one-number queries, for the index tests.</summary>
internal static class QueryPlan
{
    /// <summary>The plan's steps, as SQLite words them (e.g. <c>SEARCH notifications USING INDEX …</c>); never empty.</summary>
    public static async Task<List<string>> StepsAsync(SqliteConnection connection, SqlStatement statement)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + statement.Text;
        SqliteDialect.Instance.Bind(explain, statement);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.NotEmpty(plan);
        return plan;
    }

    /// <inheritdoc cref="StepsAsync(SqliteConnection, SqlStatement)"/>
    public static async Task<List<string>> StepsAsync(string connectionString, SqlStatement statement)
    {
        await using var connection = await OpenAsync(connectionString);
        return await StepsAsync(connection, statement);
    }

    /// <summary>The single number a query answers (a count, a version).</summary>
    public static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        SqliteWordIndex.AddSearchFunction(connection);
        return connection;
    }
}
