using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration.HealthChecks.Tests;

public sealed class InterfaceHealthTests
{
    [Fact]
    public async Task Interface_WhoseLastExecutionIsKo_IsUnhealthy_WithTheCategoryAndTheKosInARow()
    {
        await using var h = HealthHost.Create();
        await h.RunNowAsync();
        h.Behavior.Failure = new ExternalSystemException("FNAC answered 503");
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var last = await h.RunNowAsync();
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(ExecutionStatus.KO, last.Status);
        Assert.Equal(HealthStatus.Unhealthy, sales.Status);
        Assert.Equal("KO", sales.Data["lastStatus"]);
        Assert.Equal(last.Id.ToString(), sales.Data["lastKoExecutionId"]);
        Assert.Equal(nameof(ErrorCategory.External), sales.Data["lastKoCategory"]);
        Assert.Equal(2, sales.Data["consecutiveKo"]);
        Assert.Equal(2, sales.Data["koToday"]);
        Assert.Contains("KO (External), 2 in a row", sales.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interface_RecoveredAfterAKo_IsHealthy_AndStillShowsItsLastKo()
    {
        await using var h = HealthHost.Create();
        h.Behavior.Failure = new ExternalSystemException("FNAC answered 503");
        var ko = await h.RunNowAsync();
        h.Behavior.Failure = null;
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.RunNowAsync();
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Healthy, sales.Status);
        Assert.Equal("OK", sales.Data["lastStatus"]);
        Assert.Equal(0, sales.Data["consecutiveKo"]);
        Assert.Equal(ko.Id.ToString(), sales.Data["lastKoExecutionId"]);
    }

    [Fact]
    public async Task Interface_KoStatus_IsConfigurable()
    {
        await using var h = HealthHost.Create(o => o.LastKoStatus = HealthStatus.Degraded);
        h.Behavior.Failure = new MappingException("no price for SKU 42");
        await h.RunNowAsync();
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Degraded, sales.Status);
        Assert.Equal(nameof(ErrorCategory.Mapping), sales.Data["lastKoCategory"]);
    }

    [Fact]
    public async Task Interface_IsOverdue_OnlyOnceAnOccurrencePlusGracePassedWithNoExecutionStarted()
    {
        await using var h = HealthHost.Create(o => o.OverdueGrace = TimeSpan.FromMinutes(5));
        await h.RefreshAsync();
        var before = await h.InterfaceAsync("sales");

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 4, 59, TimeSpan.Zero));
        await h.RefreshAsync();
        var withinGrace = await h.InterfaceAsync("sales");

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 5, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var overdue = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, withinGrace.Status);
        Assert.Equal(false, withinGrace.Data["overdue"]);
        Assert.Equal(HealthStatus.Unhealthy, overdue.Status);
        Assert.Equal(true, overdue.Data["overdue"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), overdue.Data["overdueSince"]);
        Assert.Equal("None", overdue.Data["lastStatus"]);
    }

    [Fact]
    public async Task Interface_IsNoLongerOverdue_OnceAnExecutionStarted_OnAnyNode()
    {
        await using var h = HealthHost.Create();
        await h.RefreshAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 10, 30, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var overdue = await h.InterfaceAsync("sales");

        await h.RunNowAsync();
        await h.RefreshAsync();
        var after = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Unhealthy, overdue.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal(false, after.Data["overdue"]);
    }

    [Fact]
    public async Task Interface_WhoseScheduleIsDisabled_IsNeverOverdue()
    {
        await using var h = HealthHost.Create();
        Assert.True(h.Operations.SetScheduleEnabled("sales", enabled: false));
        await h.RefreshAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(false, sales.Data["overdue"]);
        Assert.Equal(HealthStatus.Healthy, sales.Status);
    }

    [Fact]
    public async Task Interface_ThatIsPaused_IsDegraded_WithWhoAndWhy_AndNeverOverdue()
    {
        await using var h = HealthHost.Create();
        await h.RefreshAsync();
        await h.Operations.PauseAsync("sales", "alice", "inventory");
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Degraded, sales.Status);
        Assert.Equal(true, sales.Data["paused"]);
        Assert.Equal("alice", sales.Data["pausedBy"]);
        Assert.Equal("inventory", sales.Data["pauseReason"]);
        Assert.Equal(false, sales.Data["overdue"]);
    }

    [Fact]
    public async Task Interface_ResumedAfterAPause_OwesOnlyTheOccurrencesFromThen()
    {
        await using var h = HealthHost.Create();
        await h.Operations.PauseAsync("sales", "alice", "inventory");
        await h.RefreshAsync();
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero));
        await h.Operations.ResumeAsync("sales", "alice", "done");
        await h.RefreshAsync();
        var resumed = await h.InterfaceAsync("sales");

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 13, 6, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var overdue = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Healthy, resumed.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), overdue.Data["overdueSince"]);
    }

    [Fact]
    public async Task RealTimeInterface_WhosePreviousDayIsStillRunning_AfterMidnightPlusGrace_IsDegradedAsStale()
    {
        await using var h = HealthHost.Create(o => o.StaleDailyGrace = TimeSpan.FromMinutes(30));
        await h.Calls.CallAsync("api", "GET /prices", (_, _) => Task.FromResult(1));
        var day = (await h.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "api" })).Items.Single();

        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 59, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var sameDay = await h.InterfaceAsync("api");
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 29, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var withinGrace = await h.InterfaceAsync("api");
        h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 31, 0, TimeSpan.Zero));
        await h.RefreshAsync();
        var stale = await h.InterfaceAsync("api");

        Assert.Equal(HealthStatus.Healthy, sameDay.Status);
        Assert.Equal("Running", sameDay.Data["lastStatus"]);
        Assert.Equal(HealthStatus.Healthy, withinGrace.Status);
        Assert.Equal(HealthStatus.Degraded, stale.Status);
        Assert.Equal(true, stale.Data["staleDaily"]);
        Assert.Equal(day.Id.ToString(), stale.Data["runningExecutionId"]);
        Assert.Equal(false, stale.Data["overdue"]);
    }

    [Fact]
    public async Task Interface_RunningPastItsMaxDuration_IsDegraded()
    {
        await using var h = HealthHost.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Behavior.Gate = release.Task;
        var run = await h.Operations.RunNowAsync("sales");
        await h.Behavior.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        h.Time.Advance(TimeSpan.FromMinutes(29));
        await h.RefreshAsync();
        var inTime = await h.InterfaceAsync("sales");
        h.Time.Advance(TimeSpan.FromMinutes(2));
        await h.RefreshAsync();
        var late = await h.InterfaceAsync("sales");
        release.SetResult();
        await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Healthy, inTime.Status);
        Assert.Equal(false, inTime.Data["overMaxDuration"]);
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal(true, late.Data["overMaxDuration"]);
        Assert.Equal(run.Id.ToString(), late.Data["runningExecutionId"]);
    }

    [Fact]
    public async Task Interface_WithSeveralProblems_ReportsTheWorstStatus_AndEachProblem()
    {
        await using var h = HealthHost.Create();
        h.Behavior.Failure = new ExternalSystemException("FNAC answered 503");
        await h.RunNowAsync();
        await h.Operations.PauseAsync("sales", "alice", "FNAC down");
        await h.RefreshAsync();

        var sales = await h.InterfaceAsync("sales");

        Assert.Equal(HealthStatus.Unhealthy, sales.Status);
        Assert.Equal(true, sales.Data["paused"]);
        Assert.Contains("paused", sales.Description, StringComparison.Ordinal);
        Assert.Contains("KO", sales.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_BeforeTheFirstSnapshot_AreDegraded_AndNamedAndTaggedPerInterface()
    {
        await using var h = HealthHost.Create();

        var report = await h.ReportAsync();

        var sales = report.Entries["integration:sales"];
        Assert.Equal(HealthStatus.Degraded, sales.Status);
        Assert.Equal(["integration", "interface:sales"], sales.Tags.Order());
        Assert.Equal(["integration", "interface:api"], report.Entries["integration:api"].Tags.Order());
        Assert.Equal(HealthStatus.Healthy, report.Entries[ExecutionHealthChecksBuilderExtensions.StoreCheckName].Status);
    }
}
