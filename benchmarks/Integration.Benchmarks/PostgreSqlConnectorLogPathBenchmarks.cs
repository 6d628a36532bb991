using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integration.Benchmarks;

/// <summary>
/// <see cref="ConnectorLogPathBenchmarks"/> on the PostgreSQL store: lines written by a connector through <c>run.Log</c>
/// into a fresh schema (<c>bench_logpath_…</c>), against the same <c>[LoggerMessage]</c> baseline measured in the same
/// run. Needs a PostgreSQL server (<c>INTEGRATION_POSTGRES</c>); without one, Program.cs says so and skips this class.
/// </summary>
[MemoryDiagnoser]
public partial class PostgreSqlConnectorLogPathBenchmarks
{
    private ConnectorLogPath _postgres = null!;
    private string _schema = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _schema = "bench_logpath_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"CREATE SCHEMA {_schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(PostgreSqlAppendBenchmarks.ConnectionString) { SearchPath = _schema }.ConnectionString;
        _postgres = await ConnectorLogPath.StartAsync(x => x.UsePostgreSqlStore(connectionString), ConnectorLogPath.DurableLines);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _postgres.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ConnectorLogPath.DurableLines)]
    public int LoggerMessageToInMemoryProvider()
    {
        var provider = new InMemoryLoggerProvider();
        var logger = provider.CreateLogger("Integration.Benchmarks");
        for (var page = 0; page < ConnectorLogPath.DurableLines; page++)
        {
            FetchedPage(logger, page, count: 50);
        }

        return provider.Count;
    }

    [Benchmark(OperationsPerInvoke = ConnectorLogPath.DurableLines)]
    public Task<int> RunLog_PostgreSqlStore() => _postgres.RunAsync(purge: false);

    [LoggerMessage(1, LogLevel.Information, "Fetched page {Page} of the sales ({Count} sales)")]
    private static partial void FetchedPage(ILogger logger, int page, int count);

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlAppendBenchmarks.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
