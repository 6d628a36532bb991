using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Integration.HealthChecks.Tests;

public sealed class StoreHealthCheckTests
{
    private const string Store = ExecutionHealthChecksBuilderExtensions.StoreCheckName;

    [Fact]
    public async Task StoreCheck_OfAStoreThatAnswers_IsHealthy_WithItsLatency()
    {
        await using var h = HealthHost.Create();

        var entry = Assert.Single((await h.ReportAsync(Store)).Entries).Value;

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.True(entry.Data.ContainsKey("latencyMs"));
        Assert.Equal(["integration", "integration:store"], entry.Tags.Order());
    }

    [Fact]
    public async Task StoreCheck_OfAStoreThatNeverAnswers_IsUnhealthy_OnceItsTimeoutPassed()
    {
        var fake = new FakeTimeProvider(HealthHost.Start);
        var clock = new SignallingTimeProvider(fake, TimeSpan.FromSeconds(2));
        var (store, outage) = OutageStore.Create();
        await using var h = HealthHost.Create(o => o.StoreTimeout = TimeSpan.FromSeconds(2), s => s.AddSingleton(store), clock, fake);

        var report = h.ReportAsync(Store);
        await outage.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(report.IsCompleted);
        fake.Advance(TimeSpan.FromSeconds(2));
        var entry = Assert.Single((await report.WaitAsync(TimeSpan.FromSeconds(30))).Entries).Value;

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("did not answer within 00:00:02", entry.Description, StringComparison.Ordinal);
        Assert.Equal(2000d, entry.Data["latencyMs"]);
        Assert.Equal(2000d, entry.Data["timeoutMs"]);
    }

    [Fact]
    public async Task StoreCheck_OfAStoreThatFails_IsUnhealthy_WithTheError()
    {
        var (store, _) = OutageStore.Create(new InvalidOperationException("connection refused"));
        await using var h = HealthHost.Create(services: s => s.AddSingleton(store));

        var entry = Assert.Single((await h.ReportAsync(Store)).Entries).Value;

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("connection refused", entry.Description, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task InterfaceChecks_ReadTheLastSnapshot_NotTheStore()
    {
        await using var h = HealthHost.Create();
        await h.RefreshAsync();
        var snapshotAt = h.Time.GetUtcNow();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        h.Behavior.Failure = new ExternalSystemException("FNAC answered 503");
        await h.RunNowAsync();

        var cached = await h.InterfaceAsync("sales");
        await h.RefreshAsync();
        var refreshed = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Healthy, cached.Status);
        Assert.Equal(snapshotAt, cached.Data["snapshotAt"]);
        Assert.Equal(HealthStatus.Unhealthy, refreshed.Status);
    }

    [Fact]
    public async Task InterfaceChecks_WhileTheStoreIsDownFromTheStart_AreDegraded_AndTheRefreshFailsWithinTheTimeout()
    {
        var fake = new FakeTimeProvider(HealthHost.Start);
        var clock = new SignallingTimeProvider(fake, TimeSpan.FromSeconds(2), count: 2);
        var (store, _) = OutageStore.Create();
        await using var h = HealthHost.Create(o => o.StoreTimeout = TimeSpan.FromSeconds(2), s => s.AddSingleton(store), clock, fake);

        var refresh = h.RefreshAsync();
        // Two timers of the timeout: the token's (the store ignores it) and the wait's.
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        fake.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<Exception>(() => refresh.WaitAsync(TimeSpan.FromSeconds(30)));
        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Degraded, sales.Status);
        Assert.Contains("first health snapshot", sales.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interface_RunOnAnotherNodeSharingTheStore_IsNotOverdue()
    {
        await using var runner = HealthHost.Create();
        var shared = runner.Provider.GetRequiredService<IExecutionStore>();
        await using var h = HealthHost.Create(services: s => s.AddSingleton(shared), fake: runner.Time);
        await h.RefreshAsync();

        runner.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await runner.RunNowAsync();
        runner.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Healthy, sales.Status);
        Assert.Equal(false, sales.Data["overdue"]);
        Assert.Equal("OK", sales.Data["lastStatus"]);
    }
}
