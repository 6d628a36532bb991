using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

/// <summary>
/// Notifications on transitions only: each noticed by every node's watcher, stored once in the outbox under its key,
/// delivered once, retried after a failed delivery or a restart. Rounds are run by hand on a fake clock.
/// </summary>
public sealed class NotificationTests
{
    private const string Link = "https://ops.example.com/integrations/executions/{executionId}";

    [Fact]
    public async Task TurningKo_AndRecovering_AreNotifiedOnce_RepeatedKosAreNot()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier);
        var outcomes = new Queue<bool>([true, false, false, true]);
        h.Scripts.Set("sales", (_, _) => outcomes.Dequeue() ? Task.CompletedTask : throw new ExternalSystemException("FNAC answered 503"));

        var runs = new List<Execution>();
        for (var i = 0; i < 4; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));
            runs.Add(await h.RunNowAsync());
            await RoundAsync(h);
            await RoundAsync(h);
        }

        Assert.Equal([NotificationKind.TurnedKo, NotificationKind.Recovered], notifier.Received.Select(n => n.Kind));
        var ko = notifier.Received[0];
        Assert.Equal($"turned-ko/{runs[1].Id}", ko.Id);
        Assert.Equal(("sales", runs[1].Id, ExecutionStatus.KO, ErrorCategory.External), (ko.InterfaceId, ko.ExecutionId, ko.Status, ko.Category));
        Assert.Equal(ErrorCategory.External.Action(), ko.Action);
        Assert.Equal("FNAC <support@fnac.example>", ko.Contact);
        Assert.Equal(new Uri($"https://ops.example.com/integrations/executions/{runs[1].Id}"), ko.ConsoleLink);
        Assert.Contains("turned KO", ko.Summary, StringComparison.Ordinal);
        var recovered = notifier.Received[1];
        Assert.Equal((runs[3].Id, ExecutionStatus.OK), (recovered.ExecutionId, recovered.Status));
        Assert.Contains(runs[2].Id.ToString(), recovered.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralExecutionsEndingBetweenTwoLooks_StillTurnKoOnce_OnTheFirstKo()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier);
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        await RoundAsync(h); // a first look before any execution

        h.Time.Advance(TimeSpan.FromMinutes(1));
        var first = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.RunNowAsync();
        await RoundAsync(h);

        Assert.Equal($"turned-ko/{first.Id}", Assert.Single(notifier.Received).Id);
    }

    [Fact]
    public async Task AnOccurrenceWithNoExecution_IsOverdueAfterItsGrace_Once()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier);
        await RoundAsync(h); // 09:30 UTC: the next occurrence is 11:00 UTC (12:00 in Zurich)

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 4, 59, TimeSpan.Zero));
        await RoundAsync(h);
        Assert.Empty(notifier.Received);

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 5, 0, TimeSpan.Zero));
        await RoundAsync(h);
        h.Time.Advance(TimeSpan.FromHours(3));
        await RoundAsync(h);

        var overdue = Assert.Single(notifier.Received);
        Assert.Equal(NotificationKind.Overdue, overdue.Kind);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), overdue.Occurrence);
        Assert.Equal("overdue/sales/after/none", overdue.Id);
        Assert.Null(overdue.ExecutionId);
        Assert.Null(overdue.ConsoleLink); // the template needs an execution
    }

    [Fact]
    public async Task APausedSchedule_IsNeverOverdue()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier);
        await h.Operations.PauseAsync("sales", "alice", "partner on holiday");
        await RoundAsync(h);

        h.Time.Advance(TimeSpan.FromHours(5));
        await RoundAsync(h);

        Assert.Empty(notifier.Received);
    }

    [Fact]
    public async Task AnExecutionPastItsMaxDuration_IsNotifiedOnce()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier, sales: i => i.MaxDuration(TimeSpan.FromMinutes(30)));
        var gate = new TaskCompletionSource();
        h.Scripts.Set("sales", (_, _) => gate.Task);
        var run = await h.Operations.RunNowAsync("sales");

        h.Time.Advance(TimeSpan.FromMinutes(29));
        await RoundAsync(h);
        Assert.Empty(notifier.Received);
        h.Time.Advance(TimeSpan.FromMinutes(2));
        await RoundAsync(h);
        await RoundAsync(h);
        gate.SetResult();
        await run.Completion;

        var over = Assert.Single(notifier.Received);
        Assert.Equal((NotificationKind.OverMaxDuration, run.Execution.Id, ExecutionStatus.Running), (over.Kind, over.ExecutionId, over.Status));
    }

    [Fact]
    public async Task ADailyExecutionStillOpenAfterMidnightAndGrace_IsStale_Once()
    {
        var notifier = new RecordingNotifier();
        await using var h = Create(notifier, configure: x => x.AddRealTimeInterface("orders"), withSales: false);
        await h.Calls.CallAsync("orders", "get", (_, _) => Task.FromResult(1), null, CancellationToken.None);
        var day = await h.Daily.GetCurrentAsync("orders");

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 29, 0, TimeSpan.Zero));
        await RoundAsync(h);
        Assert.Empty(notifier.Received);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 30, 0, TimeSpan.Zero));
        await RoundAsync(h);
        await RoundAsync(h);

        var stale = Assert.Single(notifier.Received);
        Assert.Equal((NotificationKind.StaleDaily, day.Id), (stale.Kind, stale.ExecutionId));
    }

    [Fact]
    public async Task AFailedDelivery_StaysInTheOutbox_AndIsTriedAgainAfterTheClaimTimeout_UntilDelivered()
    {
        var notifier = new RecordingNotifier { Failures = 2 };
        await using var h = Create(notifier);
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();

        await RoundAsync(h);
        var stored = await h.Store.GetNotificationAsync($"turned-ko/{failed.Id}");
        Assert.Equal((1, (DateTimeOffset?)null), (stored!.Attempts, stored.DeliveredAt));
        Assert.Contains("the receiver is down", stored.LastError, StringComparison.Ordinal);

        await RoundAsync(h); // the claim holds: no attempt before it expires
        Assert.Equal(1, notifier.Calls);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await RoundAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await RoundAsync(h);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await RoundAsync(h);

        Assert.Equal(3, notifier.Calls);
        Assert.Single(notifier.Received);
        stored = await h.Store.GetNotificationAsync($"turned-ko/{failed.Id}");
        Assert.Equal(3, stored!.Attempts);
        Assert.NotNull(stored.DeliveredAt);
        Assert.Null(stored.LastError);
    }

    [Fact]
    public async Task ANotificationStoredBeforeARestart_IsDeliveredByTheNextHost()
    {
        var scripts = new ConnectorScripts().Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var lost = new RecordingNotifier();
        // The first host stores the notification, then dies before it delivers (it is never used again).
        await using var first = Create(lost, scripts: scripts);
        var failed = (await first.RunNowAsync()).Id;
        await first.Provider.GetRequiredService<NotificationWatcher>().WatchAsync(CancellationToken.None);
        var store = first.Store;
        var clock = first.Time;

        var notifier = new RecordingNotifier();
        await using var second = Create(notifier, store: store, scripts: scripts, time: clock);
        await RoundAsync(second);

        Assert.Empty(lost.Received);
        Assert.Equal($"turned-ko/{failed}", Assert.Single(notifier.Received).Id);
    }

    [Fact]
    public async Task TwoNodesWatchingAndDeliveringTogether_SendEachTransitionOnce()
    {
        var scripts = new ConnectorScripts().Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var received = new RecordingNotifier();
        await using var a = Create(received, scripts: scripts, node: "a");
        await using var b = Create(received, store: a.Store, scripts: scripts, time: a.Time, node: "b");
        await a.RunNowAsync();

        for (var i = 0; i < 3; i++)
        {
            await Task.WhenAll(Task.Run(() => RoundAsync(a)), Task.Run(() => RoundAsync(b)));
        }

        Assert.Single(received.Received);
        Assert.Equal(1, received.Calls);
    }

    [Fact]
    public async Task NoNotifier_NothingIsStored()
    {
        await using var h = Harness.Create(sales: i => i.RetryExternalFailures(1, TimeSpan.FromMinutes(1)));
        h.Scripts.Set("sales", (_, _) => throw new ExternalSystemException("FNAC answered 503"));
        var failed = await h.RunNowAsync();

        Assert.False(h.Provider.GetRequiredService<NotificationPublisher>().Enabled);
        Assert.Null(h.Provider.GetService<NotificationWorker>());
        Assert.Empty(await h.Store.ClaimNotificationsAsync("probe", 10, TimeSpan.FromMinutes(1)));
        Assert.NotNull(failed);
    }

    [Theory]
    [InlineData("integrations/executions/{executionId}", "ConsoleLink")]
    [InlineData("ftp://ops.example.com/{executionId}", "ConsoleLink")]
    public void ABadConsoleLink_IsRefusedAtStart_NamingTheOption(string link, string option)
    {
        using var provider = new ServiceCollection()
            .AddExecutions(x => x.UseInMemoryStore().AddNotifier(new RecordingNotifier()).ConfigureNotifications(o => o.ConsoleLink = link))
            .BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains(option, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APollIntervalOutOfRange_IsRefusedAtStart()
    {
        using var provider = new ServiceCollection()
            .AddExecutions(x => x.UseInMemoryStore().AddNotifier(new RecordingNotifier()).ConfigureNotifications(o => o.PollInterval = TimeSpan.Zero))
            .BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);
        Assert.Contains("PollInterval", e.Message, StringComparison.Ordinal);
    }

    private static Harness Create(RecordingNotifier notifier, Action<IExecutionsBuilder>? configure = null, Action<ScheduledInterfaceBuilder>? sales = null, IExecutionStore? store = null, ConnectorScripts? scripts = null, TimeProvider? time = null, string? node = null, bool withSales = true)
        => Harness.Create(
            x =>
            {
                x.AddNotifier(notifier).ConfigureNotifications(o => o.ConsoleLink = Link);
                if (node is not null)
                {
                    x.Configure(o => o.NodeId = node);
                }

                configure?.Invoke(x);
            },
            sales: sales,
            store: store,
            scripts: scripts,
            time: time,
            withSales: withSales);

    private static Task RoundAsync(Harness h) => h.Provider.GetRequiredService<NotificationWorker>().RunOnceAsync(CancellationToken.None);

    private sealed class RecordingNotifier : IExecutionNotifier
    {
        private int _calls;

        public int Failures { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public List<ExecutionNotification> Received { get; } = [];

        public Task NotifyAsync(ExecutionNotification notification, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) <= Failures)
            {
                throw new HttpRequestException("the receiver is down");
            }

            lock (Received)
            {
                Received.Add(notification);
            }

            return Task.CompletedTask;
        }
    }
}
