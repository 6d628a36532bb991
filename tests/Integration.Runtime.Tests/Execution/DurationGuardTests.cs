using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class DurationGuardTests
{
    private static (TaskCompletionSource Started, TaskCompletionSource Release) BlockConnector(Harness h)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
        });
        return (started, release);
    }

    [Fact]
    public async Task Guard_FiresOnceAtTheLimit_NotBefore()
    {
        await using var h = Harness.Create();
        var (started, release) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        h.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Equal(0, h.Metrics.Sum("integration.execution.duration_exceeded"));
        Assert.False((await h.Store.GetAsync(run.Id))!.DurationExceeded);

        h.Time.Advance(TimeSpan.FromTicks(1));
        h.Time.Advance(TimeSpan.FromHours(3));
        release.SetResult();
        var ended = await run.Completion;

        Assert.Equal(1, h.Metrics.Sum("integration.execution.duration_exceeded"));
        Assert.True(ended.DurationExceeded);
        Assert.Equal(ExecutionStatus.OK, ended.Status);
        var warning = Assert.Single(await h.LinesAsync(ended.Id), l => l.Message.StartsWith("Duration guard", StringComparison.Ordinal));
        Assert.Equal(ExecutionLogLevel.Warning, warning.Level);
        Assert.Equal(Harness.Start.AddHours(1), warning.Time);
    }

    [Fact]
    public async Task Guard_UsesTheSchedulesMaxDuration()
    {
        await using var h = Harness.Create(sales: i => i.MaxDuration(TimeSpan.FromMinutes(5)));
        var (started, release) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        h.Time.Advance(TimeSpan.FromMinutes(5));
        release.SetResult();

        Assert.True((await run.Completion).DurationExceeded);
    }

    [Fact]
    public async Task Guard_WithCancelPolicy_EndsKo_WithReasonTimeout()
    {
        await using var h = Harness.Create(sales: i => i.MaxDuration(TimeSpan.FromMinutes(30), DurationPolicy.Cancel));
        var (started, _) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        h.Time.Advance(TimeSpan.FromMinutes(30));
        var ended = await run.Completion;

        Assert.Equal(ExecutionStatus.KO, ended.Status);
        Assert.Equal(ExecutionReason.Timeout, ended.Reason);
        Assert.True(ended.DurationExceeded);
        var error = Assert.Single(await h.LinesAsync(ended.Id, ExecutionLogLevel.Error));
        Assert.Contains("duration guard", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Metrics.Sum("integration.execution.duration_exceeded"));
    }

    [Fact]
    public async Task Guard_DoesNotFire_ForAnExecutionThatEndedInTime()
    {
        await using var h = Harness.Create();

        var ended = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromHours(2));

        Assert.False((await h.Store.GetAsync(ended.Id))!.DurationExceeded);
        Assert.Equal(0, h.Metrics.Sum("integration.execution.duration_exceeded"));
    }

    [Fact]
    public async Task HostStop_EndsRunningExecutionsCancelled()
    {
        await using var h = Harness.Create();
        var (started, _) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        await h.StopHostAsync();
        var ended = await run.Completion;

        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal(ExecutionReason.Cancelled, ended.Reason);
        Assert.Contains(await h.LinesAsync(ended.Id), l => l.Message.Contains("host is stopping", StringComparison.Ordinal));
    }
}
