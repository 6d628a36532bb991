using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Integration.HealthChecks.Tests;

public sealed class HealthOptionsTests
{
    [Theory]
    [InlineData(nameof(ExecutionHealthOptions.RefreshInterval))]
    [InlineData(nameof(ExecutionHealthOptions.StoreTimeout))]
    [InlineData(nameof(ExecutionHealthOptions.OverdueGrace))]
    [InlineData(nameof(ExecutionHealthOptions.ConsecutiveKoLimit))]
    [InlineData(nameof(ExecutionHealthOptions.PausedStatus))]
    public async Task Options_OutOfRange_FailAtStart_NamingTheOption(string option)
    {
        await using var h = HealthHost.Create(o =>
        {
            switch (option)
            {
                case nameof(ExecutionHealthOptions.RefreshInterval): o.RefreshInterval = TimeSpan.Zero; break;
                case nameof(ExecutionHealthOptions.StoreTimeout): o.StoreTimeout = TimeSpan.FromHours(1); break;
                case nameof(ExecutionHealthOptions.OverdueGrace): o.OverdueGrace = TimeSpan.FromSeconds(-1); break;
                case nameof(ExecutionHealthOptions.ConsecutiveKoLimit): o.ConsecutiveKoLimit = 0; break;
                default: o.PausedStatus = (HealthStatus)7; break;
            }
        });

        var error = Assert.Throws<OptionsValidationException>(() => h.Provider.GetRequiredService<IOptions<ExecutionHealthOptions>>().Value);

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddExecutionChecks_CalledTwice_RegistersEachCheckOnce()
    {
        await using var h = HealthHost.Create(services: s => s.AddHealthChecks().AddExecutionChecks());

        var report = await h.ReportAsync();

        Assert.Equal(["integration-store", "integration:api", "integration:sales"], report.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Snapshot_IsRefreshedInTheBackground_EveryInterval_OnTheHostClock()
    {
        var interval = TimeSpan.FromMinutes(7);
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(HealthHost.Start);
        var clock = new SignallingTimeProvider(fake, interval);
        await using var h = HealthHost.Create(o => o.RefreshInterval = interval, clock: clock, fake: fake);
        var snapshots = h.Provider.GetRequiredService<HealthSnapshots>();
        await h.StartHostedServicesAsync();
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var first = snapshots.Current;

        h.Behavior.Failure = new ExternalSystemException("FNAC answered 503");
        await h.RunNowAsync();
        fake.Advance(interval);
        await WaitForSnapshotAsync(snapshots, HealthHost.Start + interval);

        var sales = await h.InterfaceAsync("sales");
        Assert.Equal(HealthHost.Start, first?.At);
        Assert.Equal(HealthStatus.Unhealthy, sales.Status);
    }

    private static async Task WaitForSnapshotAsync(HealthSnapshots snapshots, DateTimeOffset at)
    {
        // The refresher runs on its own task: wait (bounded) for the condition, not for an amount of time.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (snapshots.Current?.At != at)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
