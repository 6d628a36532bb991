using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

public sealed class HostStartTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    /// <summary>A generic host on a fake clock, with <c>sales</c> every two hours in Zurich (11:00 UTC is the next occurrence).</summary>
    private static IHost Build(FakeTimeProvider clock, ConnectorScripts scripts, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(scripts);
        builder.Services.AddExecutions(x =>
        {
            x.UseInMemoryStore()
                .AddScheduledInterface<ScriptedConnector>("sales", i => i.Type(InterfaceType.ExternalSales).Cron("0 */2 * * *", "Europe/Zurich"));
            configure?.Invoke(x.Services);
        });
        return builder.Build();
    }

    private static Task AllEndedAsync(IHost host)
        => Task.WhenAll(host.Services.GetRequiredService<RunningExecutions>().Snapshot().Select(r => r.Completion)).WaitAsync(Guard);

    [Fact]
    public async Task ClockMovedRightAfterHostStart_FiresTheOccurrence()
    {
        var clock = new FakeTimeProvider(Start);
        var ran = new TaskCompletionSource<ExecutionWindow>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new ConnectorScripts().Set("sales", run => ran.TrySetResult(run.Window));
        using var host = Build(clock, scripts);

        await host.StartAsync();
        clock.Advance(TimeSpan.FromHours(2)); // 11:30: the 11:00 UTC occurrence (12:00 in Zurich) has passed

        // Before, the scheduler armed its timer in the background after start returned: it read 11:30 as "now" and
        // the 11:00 occurrence was never owed.
        var window = await ran.Task.WaitAsync(Guard);
        await AllEndedAsync(host);
        var execution = Assert.Single((await host.Services.GetRequiredService<IExecutionOperations>().QueryAsync(new ExecutionQuery())).Items);
        Assert.Equal(new ExecutionWindow(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero)), window);
        Assert.Equal(ExecutionTrigger.Schedule, execution.Trigger);
        Assert.Equal(ExecutionStatus.OK, execution.Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task StoreDownAtStart_TheHostKeepsRunning_AndTheSchedulerFiresOnceTheStoreIsBack()
    {
        var clock = new FakeTimeProvider(Start);
        using var host = Build(clock, new ConnectorScripts(), services =>
        {
            OutageStore.Decorate(services);
            services.AddSingleton(new SchedulerBackoff { Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(8), UseJitter = false });
        });
        var store = host.Services.GetRequiredService<OutageStore>();
        var scheduler = host.Services.GetRequiredService<Scheduler>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        store.QueriesFail = true;
        store.CreatesFail = true;

        await host.StartAsync().WaitAsync(Guard);

        // Before, the failed start-up query faulted the scheduler, and a faulted background service stops the host.
        Assert.Equal(1, store.FailedQueries);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.False(scheduler.ExecuteTask!.IsCompleted);
        Assert.Equal(Start.AddSeconds(1), scheduler.NextWake);

        store.QueriesFail = false;
        store.CreatesFail = false;
        await AdvanceToNextWakeAsync(scheduler, clock); // 09:30:01: the store answers; nothing was due yet
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), scheduler.NextWake);
        await AdvanceToNextWakeAsync(scheduler, clock); // 11:00: fires
        await AllEndedAsync(host);

        var execution = Assert.Single((await store.QueryAsync(new ExecutionQuery())).Items);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.Zero), execution.Window.To);
        Assert.Equal(ExecutionStatus.OK, execution.Status);
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    private static async Task AdvanceToNextWakeAsync(Scheduler scheduler, FakeTimeProvider clock)
    {
        var generation = scheduler.Generation;
        clock.SetUtcNow(scheduler.NextWake!.Value);
        await scheduler.WaitIdleAsync(generation).WaitAsync(Guard);
    }
}
