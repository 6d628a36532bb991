using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>
/// Where the tests find PostgreSQL (env INTEGRATION_POSTGRES, else a local server), and whether they must skip: only
/// when it is unreachable and CI is not "true". In CI they always run, and fail if PostgreSQL is missing.
/// </summary>
public static class PostgresAvailability
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=integration_tests";

    private static readonly Lazy<string?> Reason = new(Probe);

    public static string ConnectionString => Environment.GetEnvironmentVariable("INTEGRATION_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Gets why PostgreSQL tests skip on this machine, or null when they run.</summary>
    public static string? SkipReason => Reason.Value;

    private static string? Probe()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3, Pooling = false };
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            return $"PostgreSQL is not reachable at {builder.Host}:{builder.Port}/{builder.Database} ({e.Message}). Start it or set INTEGRATION_POSTGRES; with CI=true these tests run and fail instead.";
        }
    }
}
