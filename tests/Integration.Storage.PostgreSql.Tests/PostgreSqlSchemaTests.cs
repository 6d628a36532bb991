using Integration.Storage.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlSchemaTests
{
    [PostgresFact]
    public async Task TwoHostsMigratingAtOnce_BothStart_AndTheSchemaIsAppliedOnce()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using var first = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);
        await using var second = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);

        await Task.WhenAll(first.InitializeAsync(CancellationToken.None), second.InitializeAsync(CancellationToken.None));

        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*), count(DISTINCT version), max(version) FROM schema_version", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(PostgreSqlSchema.CurrentVersion, reader.GetInt64(0));
        Assert.Equal(PostgreSqlSchema.CurrentVersion, reader.GetInt64(1));
        Assert.Equal(PostgreSqlSchema.CurrentVersion, reader.GetInt32(2));
    }

    [PostgresFact]
    public async Task ADatabaseFromANewerVersion_IsRefused_SayingWhy()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        await using (var store = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System))
        {
            await store.InitializeAsync(CancellationToken.None);
        }

        await PostgresSchema.ExecuteAsync($"INSERT INTO {schema.Name}.schema_version (version) VALUES (99)");
        await using var newer = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(CancellationToken.None));
        Assert.Contains("PostgreSQL execution store", e.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostWhoseDatabaseIsUnreachable_Starts_KeepsRunning_AndWarnsNamingTheStore()
    {
        var logs = new RecordingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Services.AddExecutions(x => x.UsePostgreSqlStore("Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=secret;Timeout=3"));
        using var host = builder.Build();

        await host.StartAsync();

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("PostgreSQL execution store", StringComparison.Ordinal));
        Assert.Contains("cannot connect to the database nowhere on 127.0.0.1:1", warning.Exception!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning.Exception.Message, StringComparison.Ordinal);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    [PostgresFact]
    public async Task AHostWhoseLoginIsRefused_FailsToStart_NamingTheStore()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresAvailability.ConnectionString) { Username = "nobody_" + Guid.NewGuid().ToString("N")[..8], Password = "secret" }.ConnectionString;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExecutions(x => x.UsePostgreSqlStore(connectionString));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("PostgreSQL execution store: cannot connect to the database", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AStoreWhoseDatabaseIsCreatedAfterItsFirstUse_WorksOnceTheDatabaseExists()
    {
        var name = $"it_late_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresAvailability.ConnectionString) { Database = name }.ConnectionString;
        try
        {
            await using var store = new PostgreSqlExecutionStore(connectionString, TimeProvider.System);
            var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
            var missing = await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await store.CreateAsync(execution));
            Assert.Contains($"cannot connect to the database {name}", missing.Message, StringComparison.Ordinal);

            await PostgresSchema.ExecuteAsync($"CREATE DATABASE {name}");

            Assert.True((await store.CreateAsync(execution)).Created);
            Assert.Equal(1, await store.AppendAsync(execution.Id, new LogEntry { Message = "the database exists now" }));
            Assert.Single(await store.ReadLogAsync(execution.Id, new LogQuery()));
        }
        finally
        {
            await PostgresSchema.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }
}
