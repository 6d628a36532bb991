using Integration.Snippets.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Integration.Snippets;

public sealed class FnacSalesScheduleTests
{
    #region snippet:connector-host-fake-clock
    [Fact]
    public async Task TheNoonOccurrence_RunsOnTheTwoHoursBeforeIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T09:30Z")); // 10:30 in Zurich
        var fnac = new SignallingFnac();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(clock); // as TimeProvider, not as FakeTimeProvider
        builder.Services.AddSingleton<FnacClient>(fnac).AddSingleton<SalesRepository>();
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesSync>("fnac-sales", i => i.Cron("0 */2 * * *", "Europe/Zurich")));
        using var host = builder.Build();

        await host.StartAsync();              // returns once the scheduler's timer is armed on the clock
        clock.Advance(TimeSpan.FromHours(2)); // 12:30 in Zurich: the 12:00 occurrence is due
        await fnac.Asked.WaitAsync(TimeSpan.FromSeconds(10));
        await host.StopAsync();               // waits for the running execution to end

        var page = await host.Services.GetRequiredService<IExecutionOperations>().QueryAsync(new ExecutionQuery { InterfaceId = "fnac-sales" });
        var fired = Assert.Single(page.Items);
        Assert.Equal(ExecutionStatus.OK, fired.Status);
        Assert.Equal(new ExecutionWindow(DateTimeOffset.Parse("2026-03-02T09:00Z"), DateTimeOffset.Parse("2026-03-02T11:00Z")), fired.Window);
    }
    #endregion

    private sealed class SignallingFnac : FnacClient
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => _asked.Task;

        public override Task<IReadOnlyList<Sale>> GetSalesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            _asked.TrySetResult();
            return Task.FromResult<IReadOnlyList<Sale>>([]);
        }
    }
}
