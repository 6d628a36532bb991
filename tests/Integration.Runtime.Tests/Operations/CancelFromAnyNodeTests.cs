using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class CancelFromAnyNodeTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private static Harness Node(string nodeId, Harness? sharing = null) => Harness.Create(
        x => x.Configure(o => o.NodeId = nodeId).ConfigureLeases(o => o.HeartbeatInterval = Heartbeat),
        time: sharing?.Time,
        store: sharing?.Store);

    private static TaskCompletionSource RunsUntilCancelled(Harness h, TaskCompletionSource<bool> sawCancellation)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                sawCancellation.TrySetResult(ct.IsCancellationRequested);
            }
        });
        return started;
    }

    [Fact]
    public async Task Cancel_OnAnotherNode_IsRequested_AndTheOwningNodeCancelsWithinOneHeartbeat_NamingWhoAsked()
    {
        await using var a = Node("node-a");
        await using var b = Node("node-b", sharing: a);
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = RunsUntilCancelled(b, sawCancellation);
        var run = await b.Operations.RunNowAsync("sales");
        await started.Task;

        var outcome = await a.Operations.CancelAsync(run.Id, "alice@example.com");
        Assert.False(sawCancellation.Task.IsCompleted);
        a.Time.Advance(Heartbeat);
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CancelOutcome.Requested, outcome);
        Assert.True(await sawCancellation.Task);
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal(ExecutionReason.Cancelled, ended.Reason);
        Assert.Equal("node-b", ended.NodeId);
        var stored = (await a.Store.GetAsync(run.Id))!;
        Assert.Equal(ExecutionStatus.Cancelled, stored.Status);
        var line = Assert.Single(await a.Operations.ReadLogAsync(run.Id, new LogQuery { MinLevel = ExecutionLogLevel.Warning }));
        Assert.StartsWith("Cancelled: alice@example.com asked at ", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_OnTheOwningNode_IsDeliveredAtOnce_NamingWhoAsked()
    {
        await using var h = Node("node-a");
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = RunsUntilCancelled(h, sawCancellation);
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        var outcome = await h.Operations.CancelAsync(run.Id, "bob\nforged line");
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(CancelOutcome.Delivered, outcome);
        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        var line = Assert.Single(await h.Operations.ReadLogAsync(run.Id, new LogQuery { MinLevel = ExecutionLogLevel.Warning }));
        Assert.Equal("Cancelled: bob\\nforged line asked.", line.Message);
    }

    [Fact]
    public async Task Cancel_OfAnEndedExecution_IsNotPossible_AndChangesNothing()
    {
        await using var a = Node("node-a");
        await using var b = Node("node-b", sharing: a);
        var ended = await b.RunNowAsync();

        Assert.Equal(CancelOutcome.NotPossible, await a.Operations.CancelAsync(ended.Id, "alice"));
        Assert.Equal(CancelOutcome.NotPossible, await b.Operations.CancelAsync(ended.Id, "alice"));
        Assert.False(await a.Operations.CancelAsync(ended.Id));
        Assert.Equal(ExecutionStatus.OK, (await a.Store.GetAsync(ended.Id))!.Status);
    }

    [Fact]
    public async Task Cancel_OfAnUnknownExecution_ThrowsExecutionNotFound()
    {
        await using var h = Node("node-a");

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await h.Operations.CancelAsync(ExecutionId.New(Harness.Start), "alice"));
    }

    [Fact]
    public async Task RunNow_WithAnActor_OpensTheLogWithWhoAsked()
    {
        await using var h = Node("node-a");

        var run = await h.Operations.RunNowAsync("sales", "alice@example.com");
        await run.Completion;

        Assert.Equal("Run now by alice@example.com", (await h.LinesAsync(run.Id))[0].Message);
        Assert.Equal(ExecutionLogLevel.Information, (await h.LinesAsync(run.Id))[0].Level);
    }

    [Fact]
    public async Task Rerun_WithAnActor_OpensTheLogWithTheOriginalAndWhoAsked()
    {
        await using var h = Node("node-a");
        var original = await h.RunNowAsync();

        var rerun = await h.Operations.RerunAsync(original.Id, "bob");
        await rerun.Completion;

        Assert.Equal($"Re-run of {original.Id} by bob", (await h.LinesAsync(rerun.Id))[0].Message);
    }
}
