using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_version", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
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
    public async Task AHostWhoseDatabaseIsUnreachable_FailsToStart_NamingTheStore()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddExecutions(x => x.UsePostgreSqlStore("Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=secret;Timeout=3"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("PostgreSQL execution store: cannot connect to the database nowhere on 127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }
}
