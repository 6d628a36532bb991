using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A schema of its own in the test database (the stores' search path), dropped at the end of the test.</summary>
public sealed class PostgresSchema : IAsyncDisposable
{
    private PostgresSchema(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Gets a connection string whose search path is this schema, with a small pool.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresSchema> CreateAsync()
    {
        var name = $"it_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {name}");
        var builder = new NpgsqlConnectionStringBuilder(PostgresAvailability.ConnectionString) { SearchPath = name, MaxPoolSize = 20 };
        return new PostgresSchema(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresAvailability.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
