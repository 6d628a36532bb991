using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integration.Tests;

public sealed class LeaseTests
{
    private static (TaskCompletionSource Started, TaskCompletionSource Release) BlockConnector(Harness h, Action<IExecutionContext>? afterRelease = null, TaskCompletionSource<bool>? sawCancellation = null)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (run, ct) =>
        {
            started.TrySetResult();
            await release.Task;
            afterRelease?.Invoke(run);
            await run.Log.FlushAsync(CancellationToken.None);
            sawCancellation?.TrySetResult(ct.IsCancellationRequested);
            ct.ThrowIfCancellationRequested();
        });
        return (started, release);
    }

    [Fact]
    public async Task Heartbeat_RenewsTheLeaseEveryInterval_WhileTheExecutionRuns()
    {
        await using var h = Harness.Create(x => x.ConfigureLeases(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10)));
        var (started, release) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        h.Time.Advance(TimeSpan.FromSeconds(10));
        var first = (await h.Store.GetAsync(run.Id))!.HeartbeatAt;
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var second = (await h.Store.GetAsync(run.Id))!.HeartbeatAt;
        release.SetResult();
        await run.Completion;

        Assert.Equal(Harness.Start.AddSeconds(10), first);
        Assert.Equal(Harness.Start.AddSeconds(20), second);
    }

    [Fact]
    public async Task AFencedNode_CancelsItsConnector_AndRecordsNothingMore()
    {
        await using var h = Harness.Create();
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (started, release) = BlockConnector(h, run => run.Log.Info("written after the lease was lost"), sawCancellation);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        // Another node's sweeper took the lease over: the execution is abandoned while this node still runs it.
        Assert.Equal(1, await h.Store.AbandonExpiredAsync(TimeSpan.Zero));
        release.SetResult();
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await sawCancellation.Task);
        Assert.Equal(ExecutionStatus.Abandoned, ended.Status);
        Assert.Equal(ExecutionReason.Abandoned, ended.Reason);
        Assert.Empty(await h.LinesAsync(run.Id));
    }

    [Fact]
    public async Task Sweeper_AbandonsExecutionsWhoseLeaseExpired_AndPurgesOldOnes()
    {
        await using var h = Harness.Create(x => x.ConfigureRetention(o => o.MaxAge = TimeSpan.FromDays(30)));
        var orphan = new Execution { Id = ExecutionId.New(Harness.Start), InterfaceId = "sales", ScheduleId = "sales", StartedAt = Harness.Start, NodeId = "dead-node" };
        var old = new Execution { Id = ExecutionId.New(Harness.Start.AddDays(-60)), InterfaceId = "sales", ScheduleId = "sales", StartedAt = Harness.Start.AddDays(-60) };
        await h.Store.CreateAsync(orphan);
        await h.Store.CreateAsync(old);
        await h.Store.CompleteAsync(new ExecutionCompletion { ExecutionId = old.Id, Status = ExecutionStatus.OK, EndedAt = Harness.Start.AddDays(-60) });
        var sweeper = h.Provider.GetRequiredService<ExecutionSweeper>();

        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(ExecutionStatus.Running, (await h.Store.GetAsync(orphan.Id))!.Status);
        Assert.Null(await h.Store.GetAsync(old.Id));

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(ExecutionStatus.Abandoned, (await h.Store.GetAsync(orphan.Id))!.Status);
    }

    [Fact]
    public async Task Sweeper_RenewsThisNodesOwnExecutionsFirst_SoALateHeartbeatNeverAbandonsThem()
    {
        await using var h = Harness.Create();
        var (started, release) = BlockConnector(h);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;
        h.Time.Advance(TimeSpan.FromSeconds(5));

        await h.Provider.GetRequiredService<ExecutionSweeper>().SweepAsync(CancellationToken.None);
        var renewed = (await h.Store.GetAsync(run.Id))!;
        release.SetResult();
        await run.Completion;

        Assert.Equal(Harness.Start.AddSeconds(5), renewed.HeartbeatAt);
        Assert.Equal(ExecutionStatus.Running, renewed.Status);
    }

    [Theory]
    [InlineData(10, 15, 30, "LeaseTimeout")]
    [InlineData(0, 60, 30, "HeartbeatInterval")]
    [InlineData(10, 60, 0, "SweepInterval")]
    public async Task LeaseOptions_AreValidated(int heartbeat, int timeout, int sweep, string named)
    {
        await using var h = Harness.Create(x => x.ConfigureLeases(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromSeconds(heartbeat);
            o.LeaseTimeout = TimeSpan.FromSeconds(timeout);
            o.SweepInterval = TimeSpan.FromSeconds(sweep);
        }));

        var e = Assert.Throws<OptionsValidationException>(() => h.Provider.GetRequiredService<IOptions<LeaseOptions>>().Value);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionOptions_AreValidated()
    {
        await using var h = Harness.Create(x => x.ConfigureRetention(o =>
        {
            o.MaxAge = TimeSpan.FromMinutes(5);
            o.BatchSize = 0;
        }));

        var e = Assert.Throws<OptionsValidationException>(() => h.Provider.GetRequiredService<IOptions<RetentionOptions>>().Value);
        Assert.Contains("MaxAge", e.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", e.Message, StringComparison.Ordinal);
    }
}
