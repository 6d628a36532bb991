using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Tests;

public sealed class HostShutdownTests
{
    [Fact]
    public async Task GracePeriodLongerThanTheHostsShutdownTimeout_StillCancels_AndTheExecutionEndsCancelled()
    {
        // The runtime's clock is fake and never moves: the 10-minute grace period cannot end by itself. The host's
        // shutdown timeout (2 s, real time) is what ends it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scripts = new ConnectorScripts().Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(scripts);
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .Configure(o => o.ShutdownGracePeriod = TimeSpan.FromMinutes(10))
            .AddScheduledInterface<ScriptedConnector>("sales", i => i.Cron("0 */2 * * *", "Europe/Zurich")));
        using var host = builder.Build();
        await host.StartAsync();
        var run = await host.Services.GetRequiredService<IExecutionOperations>().RunNowAsync("sales");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await host.StopAsync();

        // Before, the stop token fired inside the grace wait, StopAsync threw before cancelling, and the execution was
        // left Running under a store about to be disposed (Abandoned later).
        var stored = await host.Services.GetRequiredService<IExecutionStore>().GetAsync(run.Id);
        Assert.NotNull(stored);
        Assert.Equal(ExecutionStatus.Cancelled, stored.Status);
        Assert.Equal(ExecutionReason.Cancelled, stored.Reason);
        var lines = await host.Services.GetRequiredService<IExecutionStore>().ReadLogAsync(run.Id, new LogQuery { Limit = LogQuery.MaxLimit });
        Assert.Contains(lines, l => l.Message.Contains("the host is stopping", StringComparison.Ordinal));
    }
}
