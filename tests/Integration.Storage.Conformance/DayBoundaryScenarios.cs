using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.Conformance;

/// <summary>
/// The runtime on a real store, where two days meet: a call in flight at midnight, a store failing during the day,
/// two hosts whose clocks differ. Every store's tests run these unchanged; no ended execution may show OK while it
/// holds an error line.
/// </summary>
public abstract class DayBoundaryScenarios
{
    /// <summary>2026-03-02 ends at 23:00 UTC in Berlin (CET).</summary>
    protected static readonly DateTimeOffset Midnight = new(2026, 3, 2, 23, 0, 0, TimeSpan.Zero);

    private const string Api = "pricing-api";

    /// <summary>Registers the store under test; every host of one test uses the same database.</summary>
    protected abstract void UseStore(IExecutionsBuilder builder);

    [Fact]
    public async Task ACallInFlightAtMidnight_FailingAfterTheNextDaysFirstCall_TurnsYesterdayKo()
    {
        var time = new FakeTimeProvider(Midnight.AddSeconds(-1));
        await using var host = Host(time, "node-a");
        var started = new TaskCompletionSource();
        var fail = new TaskCompletionSource();
        var late = host.Calls.CallAsync(Api, "GET /prices/1", async (_, _) =>
        {
            started.SetResult();
            await fail.Task;
            throw new ExternalSystemException("pricing answered 503");
        });
        await started.Task;
        var monday = await host.Daily.GetCurrentAsync(Api);

        time.Advance(TimeSpan.FromSeconds(2));
        await host.Calls.CallAsync(Api, "GET /prices/2", (_, _) => Task.FromResult(2));
        Assert.Equal(ExecutionStatus.OK, (await host.Store.GetAsync(monday.Id))!.Status);

        fail.SetResult();
        await Assert.ThrowsAsync<ExternalSystemException>(() => late);
        await host.StopAsync();

        var closed = (await host.Store.GetAsync(monday.Id))!;
        Assert.Equal(ExecutionStatus.KO, closed.Status);
        Assert.Equal(ExecutionReason.Error, closed.Reason);
        Assert.Equal(1, closed.Errors.External);
        await AssertNoOkExecutionHoldsAnErrorAsync(host.Store);
    }

    [Fact]
    public async Task AStoreFailingForAWhileDuringTheDay_EndsTheDayKo_WithTheLostLineCount()
    {
        var time = new FakeTimeProvider(Midnight.AddHours(-1));
        var failing = 0;
        await using var host = Host(time, "node-a", store => new FailingAppends(store, () => Volatile.Read(ref failing) == 1));
        await host.Calls.CallAsync(Api, "GET /prices/1", (_, _) => Task.FromResult(1));
        var monday = await host.Daily.GetCurrentAsync(Api);

        Volatile.Write(ref failing, 1);
        await host.Calls.CallAsync(Api, "GET /prices/2", (_, _) => Task.FromResult(2));
        await host.Calls.CallAsync(Api, "GET /prices/3", (_, _) => Task.FromResult(3));
        time.Advance(TimeSpan.FromMinutes(5));
        Volatile.Write(ref failing, 0);

        time.Advance(TimeSpan.FromHours(2));
        await host.Calls.CallAsync(Api, "GET /prices/4", (_, _) => Task.FromResult(4));
        await host.StopAsync();

        var closed = (await host.Store.GetAsync(monday.Id))!;
        Assert.Equal(ExecutionStatus.KO, closed.Status);
        Assert.Equal(1, closed.Errors.Technical);
        var error = Assert.Single(await host.Store.ReadLogAsync(monday.Id, new LogQuery { MinLevel = ExecutionLogLevel.Error }));
        Assert.Contains("failed to record 2 line(s)", error.Message, StringComparison.Ordinal);
        await AssertNoOkExecutionHoldsAnErrorAsync(host.Store);
    }

    [Fact]
    public async Task TwoHostsWhoseClocksDifferByTwoMinutes_AnErrorFromTheHostBehind_TurnsTheDayItClosedKo()
    {
        var ahead = new FakeTimeProvider(Midnight.AddSeconds(30));
        var behind = new FakeTimeProvider(Midnight.AddSeconds(30).AddMinutes(-2));
        await using var a = Host(ahead, "node-a");
        await using var b = Host(behind, "node-b");

        // Host B, still before midnight by its clock, opens Monday; host A, past midnight, opens Tuesday and closes Monday.
        await b.Calls.CallAsync(Api, "GET /prices/1", (_, _) => Task.FromResult(1));
        var monday = await b.Daily.GetCurrentAsync(Api);
        await a.Calls.CallAsync(Api, "GET /prices/2", (_, _) => Task.FromResult(2));
        var tuesday = await a.Daily.GetCurrentAsync(Api);
        Assert.NotEqual(monday.Id, tuesday.Id);
        Assert.Equal(ExecutionStatus.OK, (await a.Store.GetAsync(monday.Id))!.Status);

        // Host B's next call is still Monday's by its clock, and fails.
        behind.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<MappingException>(() => b.Calls.CallAsync(Api, "GET /prices/3", (_, _) => Task.FromException<int>(new MappingException("price 3 has no currency"))));
        await b.StopAsync();
        await a.StopAsync();

        var closed = (await a.Store.GetAsync(monday.Id))!;
        Assert.Equal(ExecutionStatus.KO, closed.Status);
        Assert.Equal(1, closed.Errors.Mapping);
        Assert.Equal(ExecutionStatus.Running, (await a.Store.GetAsync(tuesday.Id))!.Status);
        await AssertNoOkExecutionHoldsAnErrorAsync(a.Store);
    }

    private static async Task AssertNoOkExecutionHoldsAnErrorAsync(IExecutionStore store)
    {
        var page = await store.QueryAsync(new ExecutionQuery { Status = ExecutionStatus.OK, Limit = ExecutionQuery.MaxLimit });
        foreach (var execution in page.Items)
        {
            Assert.Empty(await store.ReadLogAsync(execution.Id, new LogQuery { MinLevel = ExecutionLogLevel.Error }));
        }
    }

    private TestHost Host(FakeTimeProvider time, string nodeId, Func<IExecutionStore, IExecutionStore>? wrap = null)
    {
        IServiceCollection services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddExecutions(x =>
        {
            UseStore(x);
            x.Configure(o => o.NodeId = nodeId);
            x.AddRealTimeInterface(Api, i => i.Type(InterfaceType.PublicWebServices).TimeZone("Europe/Berlin"));
        });
        if (wrap is not null)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IExecutionStore));
            services.Add(ServiceDescriptor.Singleton(sp => wrap(registered.ImplementationInstance as IExecutionStore ?? (IExecutionStore)registered.ImplementationFactory!(sp))));
        }

        return new TestHost(services.BuildServiceProvider());
    }

    private sealed class TestHost(ServiceProvider provider) : IAsyncDisposable
    {
        public IRealTimeCalls Calls => provider.GetRequiredService<IRealTimeCalls>();

        public IDailyExecutions Daily => provider.GetRequiredService<IDailyExecutions>();

        public IExecutionStore Store => provider.GetRequiredService<IExecutionStore>();

        /// <summary>Stops the host's services (without starting the scheduler): its open days are settled.</summary>
        public async Task StopAsync()
        {
            foreach (var service in provider.GetServices<IHostedService>().Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }

    /// <summary>A store whose appends fail while told to, as a database that went away would.</summary>
    private sealed class FailingAppends(IExecutionStore inner, Func<bool> failing) : DelegatingStore(inner)
    {
        public override ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
            => failing() ? ValueTask.FromException<long>(new IOException("the database went away")) : Inner.AppendAsync(executionId, entry, cancellationToken);
    }
}
