using System.Net;
using Integration.Storage.PostgreSql.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Dashboard.Tests;

/// <summary>
/// Two hosts sharing one PostgreSQL database: a pause POSTed through the console of host A keeps host B's scheduler
/// from firing the interface. Skipped only where PostgreSQL is unreachable outside CI (INTEGRATION_POSTGRES).
/// </summary>
public sealed class PostgreSqlConsolePauseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private PostgresSchema? _schema;

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            _schema = await PostgresSchema.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task APausePostedThroughTheConsoleOnHostA_KeepsHostBFromFiring()
    {
        var clock = new FakeTimeProvider(Start);
        var beacon = new Beacon();
        await using var a = await StartConsoleHostAsync("node-a", clock, beacon);
        using var b = BuildWorker("node-b", clock, beacon);
        await b.StartAsync();
        var root = new Uri(a.Urls.First() + "/integrations/");
        using var client = new ConsoleClient(root);

        using var pause = await client.PostAsync("interfaces/sales/pause", tokenFrom: "", ("reason", "partner maintenance"));
        Assert.Equal(HttpStatusCode.Redirect, pause.StatusCode);
        clock.SetUtcNow(Start.AddMinutes(30)); // 10:00: sales and both beacons are due
        await beacon.BothRanAsync();
        var page = await client.GetTextAsync("");
        await b.StopAsync();

        var operationsB = b.Services.GetRequiredService<IExecutionOperations>();
        Assert.Empty((await operationsB.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items);
        var audit = Assert.Single(await operationsB.GetScheduleAuditAsync("sales"));
        Assert.Equal((ScheduleAction.Paused, "anonymous (127.0.0.1)", "partner maintenance"), (audit.Action, audit.Actor, audit.Reason));
        Assert.Contains("class=\"badge paused\"", page, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartConsoleHostAsync(string nodeId, FakeTimeProvider clock, Beacon beacon)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        Register(builder.Services, nodeId, clock, beacon, x => x.AddDashboard());
        var app = builder.Build();
        app.MapIntegrationDashboard("/integrations");
        await app.StartAsync();
        return app;
    }

    private IHost BuildWorker(string nodeId, FakeTimeProvider clock, Beacon beacon)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Register(builder.Services, nodeId, clock, beacon, _ => { });
        return builder.Build();
    }

    private void Register(IServiceCollection services, string nodeId, FakeTimeProvider clock, Beacon beacon, Action<IExecutionsBuilder> more)
    {
        services.AddSingleton<TimeProvider>(clock).AddSingleton(beacon);
        services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(_schema!.ConnectionString).Configure(o => o.NodeId = nodeId);
            x.AddScheduledInterface<Quiet>("sales", i => i.Cron("0 * * * *").OnOverlap(OverlapPolicy.Allow));

            // After sales, one per host: once a host's beacon ran, its scheduler's pass has decided about sales
            // (as in PostgreSqlPauseTests).
            x.AddScheduledInterface<BeaconConnector>("beacon-" + nodeId, i => i.Cron("0 * * * *"));
            more(x);
        });
    }

    private sealed class Beacon
    {
        public SemaphoreSlim Ran { get; } = new(0);

        public async Task BothRanAsync()
        {
            Assert.True(await Ran.WaitAsync(TimeSpan.FromSeconds(30)), "A host's scheduler did not pass.");
            Assert.True(await Ran.WaitAsync(TimeSpan.FromSeconds(30)), "A host's scheduler did not pass.");
        }
    }

    private sealed class Quiet : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken) => Task.CompletedTask;
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
