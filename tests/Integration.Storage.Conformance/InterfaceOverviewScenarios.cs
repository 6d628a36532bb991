using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.Conformance;

/// <summary>
/// The interface overview (<see cref="IExecutionOperations.GetOverviewAsync"/>) of a runtime on a real store: right
/// on a large seeded history, with a bounded number of store calls, and counting each interface's own local day.
/// Every store's tests run these unchanged; a SQL store seeds its history in bulk (<see cref="SeedAsync"/>) and checks
/// the activity statement's plan on it (<see cref="CheckPlanAsync"/>).
/// </summary>
public abstract class InterfaceOverviewScenarios
{
    /// <summary>14:30 in Zurich (CET): its day started at 2026-03-03 23:00 UTC.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 4, 13, 30, 0, TimeSpan.Zero);

    private const int Interfaces = 100;
    private const int ExecutionsPerInterface = 1000;
    private const string Zurich = "Europe/Zurich";
    private static readonly ErrorCategory[] FirstErrors = [ErrorCategory.External, ErrorCategory.Configuration, ErrorCategory.Mapping, ErrorCategory.Technical];

    /// <summary>Registers the store under test.</summary>
    protected abstract void UseStore(IExecutionsBuilder builder);

    /// <summary>
    /// Writes a history into the store: executions as given (ended ones with their status), and log lines in order.
    /// A SQL store overrides it with a bulk insert in one transaction; stored error counts need not match the lines.
    /// </summary>
    protected virtual async Task SeedAsync(IExecutionStore store, IReadOnlyList<Execution> executions, IReadOnlyList<(ExecutionId Execution, LogEntry Line)> lines)
    {
        foreach (var execution in executions)
        {
            await store.CreateAsync(execution);
        }

        foreach (var (execution, line) in lines)
        {
            await store.AppendAsync(execution, line);
        }
    }

    /// <summary>Checks, on the seeded store, that reading the activity of these interfaces scans no table (SQL stores).</summary>
    protected virtual Task CheckPlanAsync(IReadOnlyList<InterfaceActivityQuery> interfaces) => Task.CompletedTask;

    [Fact]
    public async Task Overview_Of100InterfacesWith1000ExecutionsEach_IsRight_AndReadsTheStoreTwice()
    {
        var (history, lines, expected) = History();
        await using var host = Host(new FakeTimeProvider(Now), x =>
        {
            for (var i = 0; i < Interfaces; i++)
            {
                if (i % 10 == 0)
                {
                    x.AddRealTimeInterface(Id(i), b => b.Type(InterfaceType.PublicWebServices).TimeZone(Zurich));
                }
                else
                {
                    x.AddScheduledInterface<Idle>(Id(i), b => b.Type(InterfaceType.ExternalSales).Provider($"partner {i}", $"support@partner{i}.example").Cron("0 * * * *", Zurich));
                }
            }
        });
        var seeding = Stopwatch.StartNew();
        await SeedAsync(host.Store, history, lines);
        await host.Store.SetSchedulePausedAsync(Id(5), Id(5), paused: true, "alice", "partner closed");
        seeding.Stop();
        host.Counter.Reset();

        var reading = Stopwatch.StartNew();
        var overview = await host.Operations.GetOverviewAsync();
        reading.Stop();

        Assert.Equal(["GetScheduleStatesAsync", "GetInterfaceActivityAsync"], host.Counter.Calls);
        Assert.Equal(Enumerable.Range(0, Interfaces).Select(Id), overview.Select(o => o.Interface.Id));
        var todayStart = new DateTimeOffset(2026, 3, 3, 23, 0, 0, TimeSpan.Zero);
        foreach (var (o, e) in overview.Zip(expected))
        {
            Assert.Equal(new DateOnly(2026, 3, 4), o.Today);
            Assert.Equal(todayStart, o.TodayStart);
            Assert.Equal(e.Last, o.LastExecution?.Id);
            Assert.Equal(e.LastKo, o.LastKo?.Id);
            Assert.Equal(ExecutionStatus.KO, o.LastKo?.Status);
            Assert.Equal(e.FirstError, o.LastKoFirstError);
            Assert.Equal(e.OkToday, o.OkToday);
            Assert.Equal(e.KoToday, o.KoToday);
            Assert.Equal(e.Running, o.Running?.Id);
            Assert.Equal(e.Running is not null, o.IsRunning);
            Assert.Equal(e.Api, o.IsProbablyApiIntegration);
        }

        Assert.True(overview[5].IsPaused);
        Assert.Equal("alice", overview[5].ScheduleState!.ChangedBy);
        Assert.All(overview.Where((_, i) => i != 5), o => Assert.False(o.IsPaused));
        Assert.Equal([Now.AddMinutes(30), Now.AddMinutes(90), Now.AddMinutes(150)], overview[1].NextOccurrences);
        Assert.Equal(new ProviderInfo("partner 1", "support@partner1.example"), overview[1].Interface.Provider);
        Assert.Equal(Zurich, overview[1].Interface.Schedule.TimeZoneId);
        Assert.Empty(overview[0].NextOccurrences);
        Assert.Equal(InterfaceMode.RealTime, overview[0].Interface.Mode);

        await CheckPlanAsync(overview.Select(o => new InterfaceActivityQuery(o.Interface.Id, o.TodayStart)).ToArray());
        Console.WriteLine($"{GetType().Name}: seeded {history.Count:N0} executions and {lines.Count:N0} lines in {seeding.ElapsedMilliseconds} ms; overview read in {reading.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Overview_CountsTheInterfacesOwnLocalDay_InANonUtcTimeZone()
    {
        // 2026-03-02 04:30 UTC is 23:30 on 1 March in New York (EST): its day started at 05:00 UTC on 1 March.
        var now = new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.Zero);
        await using var host = Host(new FakeTimeProvider(now), x => x.AddScheduledInterface<Idle>("orders", b => b.Cron("*/30 * * * *", "America/New_York")));
        var localMidnight = new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);
        await SeedAsync(
            host.Store,
            [
                Ended("orders", localMidnight.AddSeconds(-1), ExecutionStatus.OK),
                Ended("orders", localMidnight.AddSeconds(-1).AddMilliseconds(1), ExecutionStatus.KO),
                Ended("orders", localMidnight, ExecutionStatus.OK),
                Ended("orders", new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero), ExecutionStatus.OK),
                Ended("orders", new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero), ExecutionStatus.KO),
            ],
            []);

        var orders = Assert.Single(await host.Operations.GetOverviewAsync());

        Assert.Equal(new DateOnly(2026, 3, 1), orders.Today);
        Assert.Equal(localMidnight, orders.TodayStart);
        Assert.Equal(2, orders.OkToday);
        Assert.Equal(1, orders.KoToday);
        Assert.Null(orders.LastKoFirstError);
        Assert.False(orders.IsRunning);
        Assert.False(orders.IsProbablyApiIntegration);
        Assert.Equal([now.AddMinutes(30), now.AddMinutes(60), now.AddMinutes(90)], orders.NextOccurrences);
    }

    private static string Id(int i) => $"if-{i:00}";

    private static Execution Ended(string interfaceId, DateTimeOffset startedAt, ExecutionStatus status, ExecutionKind kind = ExecutionKind.Scheduled) => new()
    {
        Id = ExecutionId.New(startedAt),
        InterfaceId = interfaceId,
        ScheduleId = kind == ExecutionKind.Daily ? ScheduleDefinition.DailyScheduleId(interfaceId) : interfaceId,
        Kind = kind,
        Trigger = kind == ExecutionKind.Daily ? ExecutionTrigger.Call : ExecutionTrigger.Schedule,
        Window = new ExecutionWindow(startedAt.AddMinutes(-7), startedAt),
        Status = status,
        Reason = status switch
        {
            ExecutionStatus.KO => ExecutionReason.Error,
            ExecutionStatus.Cancelled => ExecutionReason.Cancelled,
            _ => ExecutionReason.None,
        },
        StartedAt = startedAt,
        EndedAt = status == ExecutionStatus.Running ? null : startedAt.AddMinutes(1),
        NodeId = "node-1",
        HeartbeatAt = startedAt,
    };

    /// <summary>
    /// Interface i has 1,000 executions 7 minutes apart up to now (real-time ones daily, but if-10 has one scheduled
    /// execution); every 7th is KO with two error lines (the first of a category that varies, then External), every
    /// 13th Cancelled, and the newest is still running for every third interface. The expected overview is worked out
    /// here from the same numbers, plainly.
    /// </summary>
    private static (List<Execution> History, List<(ExecutionId, LogEntry)> Lines, List<Expected> Expected) History()
    {
        var history = new List<Execution>(Interfaces * ExecutionsPerInterface);
        var lines = new List<(ExecutionId, LogEntry)>();
        var expected = new List<Expected>(Interfaces);
        var todayStart = new DateTimeOffset(2026, 3, 3, 23, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Interfaces; i++)
        {
            var mine = new List<Execution>(ExecutionsPerInterface);
            for (var j = 0; j < ExecutionsPerInterface; j++)
            {
                var status = j == ExecutionsPerInterface - 1 && i % 3 == 0 ? ExecutionStatus.Running
                    : j % 7 == 3 ? ExecutionStatus.KO
                    : j % 13 == 5 ? ExecutionStatus.Cancelled
                    : ExecutionStatus.OK;
                var kind = i % 10 == 0 && !(i == 10 && j == 0) ? ExecutionKind.Daily : ExecutionKind.Scheduled;
                var execution = Ended(Id(i), Now.AddMinutes(-7 * (ExecutionsPerInterface - j)), status, kind);
                mine.Add(execution);
                if (status == ExecutionStatus.KO)
                {
                    var time = execution.StartedAt.AddSeconds(10);
                    lines.Add((execution.Id, new LogEntry { Time = time, Level = ExecutionLogLevel.Information, Message = "fetching" }));
                    lines.Add((execution.Id, new LogEntry { Time = time, Level = ExecutionLogLevel.Error, Category = FirstErrors[(i + j) % 4], Message = "first error" }));
                    lines.Add((execution.Id, new LogEntry { Time = time, Level = ExecutionLogLevel.Error, Category = ErrorCategory.External, Message = "then this" }));
                }
            }

            history.AddRange(mine);
            var lastKo = mine.FindLastIndex(e => e.Status == ExecutionStatus.KO);
            expected.Add(new Expected(
                mine[^1].Id,
                mine[lastKo].Id,
                FirstErrors[(i + lastKo) % 4],
                mine.Count(e => e.Status == ExecutionStatus.OK && e.StartedAt >= todayStart),
                mine.Count(e => e.Status == ExecutionStatus.KO && e.StartedAt >= todayStart),
                mine[^1].Status == ExecutionStatus.Running ? mine[^1].Id : null,
                i % 10 == 0 && i != 10));
        }

        return (history, lines, expected);
    }

    private TestHost Host(FakeTimeProvider time, Action<IExecutionsBuilder> interfaces)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddExecutions(x =>
        {
            UseStore(x);
            interfaces(x);
        });
        var registered = services.Last(d => d.ServiceType == typeof(IExecutionStore));
        services.Add(ServiceDescriptor.Singleton(sp =>
        {
            var inner = registered.ImplementationInstance as IExecutionStore ?? (IExecutionStore)registered.ImplementationFactory!(sp);
            var (store, counter) = CountingStore.Wrap(inner);
            return new Counted(store, counter);
        }));
        services.Add(ServiceDescriptor.Singleton(sp => sp.GetRequiredService<Counted>().Store));
        return new TestHost(services.BuildServiceProvider());
    }

    private sealed record Expected(ExecutionId Last, ExecutionId LastKo, ErrorCategory FirstError, int OkToday, int KoToday, ExecutionId? Running, bool Api);

    private sealed record Counted(IExecutionStore Store, CountingStore Counter);

    private sealed class TestHost(ServiceProvider provider) : IAsyncDisposable
    {
        public IExecutionOperations Operations => provider.GetRequiredService<IExecutionOperations>();

        public IExecutionStore Store => provider.GetRequiredService<IExecutionStore>();

        public CountingStore Counter => provider.GetRequiredService<Counted>().Counter;

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }

    private sealed class Idle : IExternalInterface
    {
        public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
