using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>Two hosts' schedulers on one database: each walks the due occurrences in its own order, concurrently, and the unique key creates each once.</summary>
public sealed class PostgreSqlSchedulerPassTests : PostgresSchemaTest
{
    private const int Interfaces = 40;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task TwoHosts_FireEveryDueOccurrence_ExactlyOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var ran = new Ran();
        using var a = Build("node-a", clock, ran);
        using var b = Build("node-b", clock, ran);
        await a.StartAsync();
        await b.StartAsync();

        for (var minute = 1; minute <= 3; minute++)
        {
            clock.SetUtcNow(Start.AddMinutes(minute));
            for (var i = 0; i < Interfaces; i++)
            {
                Assert.True(await ran.Runs.WaitAsync(TimeSpan.FromSeconds(30)), $"minute {minute}: {i} of {Interfaces} ran");
            }
        }

        await a.StopAsync();
        await b.StopAsync();

        var operations = a.Services.GetRequiredService<IExecutionOperations>();
        var stored = (await operations.QueryAsync(new ExecutionQuery { Kind = ExecutionKind.Scheduled, Limit = ExecutionQuery.MaxLimit })).Items;
        Assert.Equal(3 * Interfaces, stored.Count);
        Assert.Equal(3 * Interfaces, stored.Select(e => e.UniqueKey).Distinct().Count());
        Assert.All(stored.GroupBy(e => e.InterfaceId), g => Assert.Equal([Start.AddMinutes(1), Start.AddMinutes(2), Start.AddMinutes(3)], g.Select(e => e.Window.To).Order()));
        Assert.Equal(0, ran.Runs.CurrentCount);
    }

    private IHost Build(string nodeId, FakeTimeProvider clock, Ran ran)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(ran);
        builder.Services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(Schema.ConnectionString).Configure(o => o.NodeId = nodeId);
            for (var i = 0; i < Interfaces; i++)
            {
                // Overlap allowed: a run counts when its connector starts, and under Skip the next minute's occurrence
                // could be recorded Skipped while that run is still recording its end.
                x.AddScheduledInterface<Counted>($"feed-{i:00}", s => s.Cron("* * * * *").OnOverlap(OverlapPolicy.Allow));
            }
        });
        return builder.Build();
    }

    private sealed class Ran
    {
        public SemaphoreSlim Runs { get; } = new(0);
    }

    private sealed class Counted(Ran ran) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            ran.Runs.Release();
            return Task.CompletedTask;
        }
    }
}
