using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents.SystemTextJson;
using Integration.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integration.Notifications.Webhooks.Tests;

/// <summary>
/// Two real hosts sharing one PostgreSQL database, each watching and delivering with the webhook notifier, on real
/// time: a loopback receiver gets exactly one signed CloudEvent per transition, none for a repeated KO; automatic
/// re-runs run once each, and the last one's failure arrives once. Skipped only where PostgreSQL is unreachable
/// outside CI (INTEGRATION_POSTGRES).
/// </summary>
public sealed class PostgreSqlTwoHostTests : IAsyncLifetime
{
    private const string Secret = "a-webhook-secret-for-the-two-host-tests";

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
    public async Task TwoHosts_SendOneSignedEventPerTransition_KoRecoveredOverdue_AndNoneForARepeatedKo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var script = new Script();
        using var a = Build("node-a", receiver.Endpoint, script, scheduler: false);
        using var b = Build("node-b", receiver.Endpoint, script, scheduler: false);
        await a.StartAsync();
        await b.StartAsync();

        script.Fail = true;
        var ko = await RunAsync(a);
        script.Fail = true;
        var again = await RunAsync(b);
        await Task.Delay(TimeSpan.FromSeconds(3)); // both watchers look at the second KO: still no news
        script.Fail = false;
        var ok = await RunAsync(a);
        var events = await ReceiveAsync(receiver, count: 3);
        await Task.Delay(TimeSpan.FromSeconds(3)); // nothing more comes
        await a.StopAsync();
        await b.StopAsync();

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(WebhookSignature.Verify(Secret, r.Body, r.Header("X-Integration-Signature"))));
        Assert.Equal(
            ["integration.interface.overdue", "integration.interface.recovered", "integration.interface.turned-ko"],
            events.Select(e => e.Type).Order(StringComparer.Ordinal));
        var turnedKo = events.Single(e => e.Type == "integration.interface.turned-ko");
        Assert.Equal($"turned-ko/{ko.Id}", turnedKo.Id);
        Assert.Equal(("sales", "KO", "External"), (turnedKo.Data.GetProperty("interfaceId").GetString(), turnedKo.Data.GetProperty("status").GetString(), turnedKo.Data.GetProperty("category").GetString()));
        Assert.Equal("FNAC <partners@fnac.example>", turnedKo.Data.GetProperty("contact").GetString());
        Assert.Equal($"https://ops.example.com/integrations/executions/{ko.Id}", turnedKo.Data.GetProperty("consoleLink").GetString());
        var recovered = events.Single(e => e.Type == "integration.interface.recovered");
        Assert.Equal($"recovered/{ok.Id}", recovered.Id);
        Assert.Contains(again.Id.ToString(), recovered.Data.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var overdue = events.Single(e => e.Type == "integration.interface.overdue");
        Assert.Equal("nightly", overdue.Data.GetProperty("interfaceId").GetString());
    }

    [PostgresFact]
    public async Task TwoHosts_RunEachAutomaticReRunOnce_AndTheLastFailureArrivesOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var script = new Script { Fail = true };
        using var a = Build("node-a", receiver.Endpoint, script, scheduler: true);
        using var b = Build("node-b", receiver.Endpoint, script, scheduler: true);
        await a.StartAsync();
        await b.StartAsync();

        var failed = await RunAsync(a);
        var events = new List<Event>();
        while (!events.Any(e => e.Type == "integration.interface.retries-exhausted"))
        {
            events.AddRange(await ReceiveAsync(receiver, count: 1));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await a.StopAsync();
        await b.StopAsync();

        var operations = a.Services.GetRequiredService<IExecutionOperations>();
        var sales = (await operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items.OrderBy(e => e.Id).ToList();
        Assert.Equal([ExecutionTrigger.Manual, ExecutionTrigger.Retry, ExecutionTrigger.Retry], sales.Select(e => e.Trigger));
        Assert.All(sales, e => Assert.Equal(ExecutionStatus.KO, e.Status));
        Assert.Equal([null, sales[0].Id, sales[1].Id], sales.Select(e => e.RerunOf));
        Assert.Equal(2, script.Runs - 1);
        Assert.Equal(
            ["integration.interface.retries-exhausted", "integration.interface.turned-ko"],
            receiver.Requests.Select(r => Decode(r).Type).Order(StringComparer.Ordinal));
        var exhausted = Decode(receiver.Requests.Single(r => Decode(r).Type == "integration.interface.retries-exhausted"));
        Assert.Equal(sales[2].Id.ToString(), exhausted.Data.GetProperty("executionId").GetString());
        Assert.Equal("FNAC <partners@fnac.example>", exhausted.Data.GetProperty("contact").GetString());
        Assert.Equal(failed.Id, sales[0].Id);
    }

    private static async Task<Execution> RunAsync(IHost host)
    {
        var run = await host.Services.GetRequiredService<IExecutionOperations>().RunNowAsync("sales");
        return await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<List<Event>> ReceiveAsync(WebhookReceiver receiver, int count)
    {
        var events = new List<Event>();
        while (events.Count < count)
        {
            try
            {
                events.Add(Decode(await receiver.NextArrivalAsync()));
            }
            catch (OperationCanceledException e)
            {
                throw new TimeoutException($"{count} event(s) expected within 30 s; received: {string.Join(", ", events.Select(x => x.Type))}", e);
            }
        }

        return events;
    }

    private static Event Decode(ReceivedRequest request)
    {
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(request.Body, new ContentType(request.ContentType!), null);
        return new Event(cloudEvent.Id!, cloudEvent.Type!, (JsonElement)cloudEvent.Data!);
    }

    private IHost Build(string nodeId, Uri endpoint, Script script, bool scheduler)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(script);
        builder.Services.AddExecutions(x => x
            .UsePostgreSqlStore(_schema!.ConnectionString)
            .Configure(o =>
            {
                o.NodeId = nodeId;
                o.EnableScheduler = scheduler;
            })
            .ConfigureRunRequests(o => o.PollInterval = TimeSpan.FromMilliseconds(200))
            .AddScheduledInterface<Scripted>("sales", i => i
                .Provider("FNAC", "partners@fnac.example")
                .Cron("0 0 1 1 *")
                .RetryExternalFailures(maxAttempts: 2, firstDelay: TimeSpan.FromSeconds(1), useJitter: false))
            // Fires every second, but no host here runs the scheduler in the first test: it becomes overdue.
            .AddScheduledInterface<Scripted>("nightly", i => i.Cron("* * * * * *").Enabled(scheduler is false))
            .ConfigureNotifications(o =>
            {
                o.PollInterval = TimeSpan.FromSeconds(1);
                o.OverdueGrace = TimeSpan.Zero;
                o.ConsoleLink = "https://ops.example.com/integrations/executions/{executionId}";
            })
            .AddWebhookNotifier(o =>
            {
                o.Endpoint = endpoint;
                o.Secret = Secret;
                o.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
            }));
        return builder.Build();
    }

    private sealed record Event(string Id, string Type, JsonElement Data);

    private sealed class Script
    {
        private int _runs;

        public volatile bool Fail;

        public int Runs => Volatile.Read(ref _runs);

        public void Ran() => Interlocked.Increment(ref _runs);
    }

    private sealed class Scripted(Script script) : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            script.Ran();
            return script.Fail ? throw new ExternalSystemException("FNAC answered 503") : Task.CompletedTask;
        }
    }
}
