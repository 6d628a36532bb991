using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class InterfaceOverviewTests
{
    [Fact]
    public async Task Overview_ShowsARunningExecution_ThenItsEnd_CountedToday()
    {
        await using var h = Harness.Create();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        var running = Assert.Single(await h.Operations.GetOverviewAsync());
        release.SetResult();
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        var after = Assert.Single(await h.Operations.GetOverviewAsync());

        Assert.True(running.IsRunning);
        Assert.Equal(run.Id, running.Running!.Id);
        Assert.Equal(run.Id, running.LastExecution!.Id);
        Assert.Equal(0, running.OkToday);
        Assert.False(after.IsRunning);
        Assert.Equal(ended, after.LastExecution);
        Assert.Equal(1, after.OkToday);
        Assert.Equal(0, after.KoToday);
        Assert.Null(after.LastKo);
        Assert.False(after.IsProbablyApiIntegration);
    }

    [Fact]
    public async Task Overview_ShowsTheScheduleDisabledOnThisHost_AndThePersistedPause()
    {
        await using var h = Harness.Create();
        h.Operations.SetScheduleEnabled("sales", enabled: false);
        await h.Operations.PauseAsync("sales", "alice", "inventory");

        var sales = Assert.Single(await h.Operations.GetOverviewAsync());

        Assert.False(sales.Interface.Schedule.Enabled);
        Assert.True(sales.IsPaused);
        Assert.Equal("inventory", sales.ScheduleState!.Reason);
        Assert.Equal(h.Operations.GetNextOccurrences("sales", InterfaceOverview.NextOccurrenceCount), sales.NextOccurrences);
    }

    [Fact]
    public async Task Overview_OfAnInboundApiWithOnlyDailyExecutions_IsFlaggedForApiSupport()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound().TimeZone("Europe/Zurich")));
        await h.Calls.CallAsync("public-api", "GET /prices", (_, _) => Task.FromResult(1));

        var overview = await h.Operations.GetOverviewAsync();

        var api = overview.Single(o => o.Interface.Id == "public-api");
        Assert.True(api.IsProbablyApiIntegration);
        Assert.Empty(api.NextOccurrences);
        Assert.Equal(ExecutionKind.Daily, api.Running!.Kind);
        Assert.False(overview.Single(o => o.Interface.Id == "sales").IsProbablyApiIntegration);
    }

    [Fact]
    public async Task Overview_IsCancelledWithItsToken()
    {
        await using var h = Harness.Create();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await h.Operations.GetOverviewAsync(cancelled.Token));
    }
}
