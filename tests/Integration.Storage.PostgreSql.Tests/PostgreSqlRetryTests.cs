using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlRetryTests
{
    [PostgresFact]
    public async Task AppendsAfterTheServerDroppedThePoolsConnections_AreRetried_AndNothingIsLost()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var application = $"retry-{Guid.NewGuid():N}"[..30];
        var connectionString = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { ApplicationName = application }.ConnectionString;
        var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
        await using (var store = new PostgreSqlExecutionStore(connectionString, TimeProvider.System))
        {
            await store.CreateAsync(execution);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.AppendAsync(execution.Id, new LogEntry { Message = $"before {i}" }).AsTask()));

            await PostgresSchema.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{application}'");
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => store.AppendAsync(execution.Id, new LogEntry { Message = $"after {i}" }).AsTask()));
        }

        await using var reader = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);
        var lines = await reader.ReadLogAsync(execution.Id, new LogQuery());
        Assert.Equal(40, lines.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), lines.Select(l => l.Sequence));
    }
}
