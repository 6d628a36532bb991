using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A pause persisted in PostgreSQL holds on every host sharing the database.</summary>
public sealed class PostgreSqlPauseTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task PauseOnHostA_HostBDoesNotFire_AndResumeOnB_FiresTheNextOccurrenceOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var beacon = new Beacon();
        using var a = Build("node-a", clock, beacon);
        using var b = Build("node-b", clock, beacon);
        await a.StartAsync();
        await b.StartAsync();
        var operationsA = a.Services.GetRequiredService<IExecutionOperations>();
        var operationsB = b.Services.GetRequiredService<IExecutionOperations>();

        await operationsA.PauseAsync("sales", "alice", "holiday");
        clock.SetUtcNow(Start.AddMinutes(30)); // 10:00: sales and both beacons are due
        await beacon.BothRanAsync();
        Assert.Empty(await SalesAsync(operationsA));

        await operationsB.ResumeAsync("sales", "bob");
        clock.SetUtcNow(Start.AddMinutes(90)); // 11:00
        await beacon.BothRanAsync();

        // A pass creates the occurrences of different interfaces concurrently: sales may still be in flight when the
        // beacons have run, and a host stopping ends its attempt.
        Assert.True(await beacon.SalesRan.WaitAsync(TimeSpan.FromSeconds(30)));
        await a.StopAsync();
        await b.StopAsync();

        var run = Assert.Single(await SalesAsync(operationsA));
        Assert.Equal((ExecutionStatus.OK, Start.AddMinutes(90)), (run.Status, run.Window.To));
        var audit = await operationsB.GetScheduleAuditAsync("sales");
        Assert.Equal([(ScheduleAction.Resumed, "bob"), (ScheduleAction.Paused, "alice")], audit.Select(e => (e.Action, e.Actor)));
        Assert.Equal("holiday", audit[1].Reason);
    }

    private static async Task<IReadOnlyList<Execution>> SalesAsync(IExecutionOperations operations)
        => (await operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items;

    private IHost Build(string nodeId, FakeTimeProvider clock, Beacon beacon)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(beacon);
        builder.Services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(Schema.ConnectionString).Configure(o => o.NodeId = nodeId);
            x.AddScheduledInterface<Quiet>("sales", i => i.Cron("0 * * * *").OnOverlap(OverlapPolicy.Allow));

            // One per host (a shared one would run on one host only): a pass decides about every registration before
            // it creates any, so once a host's beacon ran, that host's pass has decided about sales. Both hosts must
            // have passed before the next step: a host that had not would only see the resume, which the store's
            // clock stamps ahead of the fake clock.
            x.AddScheduledInterface<BeaconConnector>("beacon-" + nodeId, i => i.Cron("0 * * * *"));
        });
        return builder.Build();
    }

    private sealed class Beacon
    {
        public SemaphoreSlim Ran { get; } = new(0);

        public SemaphoreSlim SalesRan { get; } = new(0);

        public async Task BothRanAsync()
        {
            Assert.True(await Ran.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(await Ran.WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    private sealed class Quiet(Beacon beacon) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            beacon.SalesRan.Release();
            return Task.CompletedTask;
        }
    }

    private sealed class BeaconConnector(Beacon beacon) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            beacon.Ran.Release();
            return Task.CompletedTask;
        }
    }
}
