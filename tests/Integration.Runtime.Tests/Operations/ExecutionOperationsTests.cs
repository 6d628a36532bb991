using Integration.Tests.Support;

namespace Integration.Tests;

public sealed class ExecutionOperationsTests
{
    [Fact]
    public async Task RunNow_UsesTheCurrentWindow_FromTheLatestOccurrenceToNow()
    {
        await using var h = Harness.Create();

        var ended = await h.RunNowAsync();

        // 09:30 UTC is 10:30 in Zurich (CET); the latest "0 */2" occurrence is 10:00 Zurich, 09:00 UTC.
        Assert.Equal(new ExecutionWindow(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Harness.Start), ended.Window);
        Assert.Equal(ExecutionTrigger.Manual, ended.Trigger);
        Assert.Null(ended.UniqueKey);
    }

    [Fact]
    public async Task Rerun_KeepsTheOriginalWindow_AndLinksRerunOf()
    {
        await using var h = Harness.Create();
        var attempt = 0;
        h.Scripts.Set("sales", (_, _) => ++attempt == 1 ? throw new ExternalSystemException("503") : Task.CompletedTask);
        var original = await h.RunNowAsync();
        h.Time.Advance(TimeSpan.FromHours(5));

        var rerun = await h.Operations.RerunAsync(original.Id);
        var ended = await rerun.Completion;

        Assert.Equal(ExecutionStatus.KO, original.Status);
        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal(original.Window, ended.Window);
        Assert.Equal(original.Id, ended.RerunOf);
        Assert.Equal(ExecutionTrigger.Rerun, ended.Trigger);
        Assert.NotEqual(original.Id, ended.Id);
        Assert.True(ended.Id > original.Id);
    }

    [Fact]
    public async Task Rerun_OfARunningExecution_IsRefused_NamingItAndSayingItStillRuns()
    {
        await using var h = Harness.Create();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
        });
        var running = await h.Operations.RunNowAsync("sales");
        await started.Task;

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.Operations.RerunAsync(running.Id));

        Assert.Contains(running.Id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("still running", e.Message, StringComparison.Ordinal);
        Assert.Single(await h.ExecutionsAsync());
        release.SetResult();
        Assert.Equal(ExecutionStatus.OK, (await running.Completion).Status);
        var rerun = await h.Operations.RerunAsync(running.Id);
        Assert.Equal(ExecutionStatus.OK, (await rerun.Completion).Status);
        Assert.Equal(running.Id, rerun.Execution.RerunOf);
    }

    [Fact]
    public async Task Rerun_OfAnUnknownExecution_NamesTheId()
    {
        await using var h = Harness.Create();
        var unknown = ExecutionId.New(Harness.Start);

        var e = await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await h.Operations.RerunAsync(unknown));

        Assert.Contains(unknown.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(unknown, e.ExecutionId);
    }

    [Fact]
    public async Task Overlap_IsSkipped_AndRecordedAsACancelledExecution()
    {
        await using var h = Harness.Create();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.TrySetResult();
            await release.Task.WaitAsync(ct);
        });
        var first = await h.Operations.RunNowAsync("sales");
        await started.Task;

        var second = await h.Operations.RunNowAsync("sales");

        Assert.False(second.Started);
        Assert.Equal(ExecutionStatus.Cancelled, second.Execution.Status);
        Assert.Equal(ExecutionReason.Skipped, second.Execution.Reason);
        var line = Assert.Single(await h.LinesAsync(second.Id));
        Assert.Contains(first.Id.ToString(), line.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionLogLevel.Warning, line.Level);

        release.SetResult();
        Assert.Equal(ExecutionStatus.OK, (await first.Completion).Status);
        var third = await h.Operations.RunNowAsync("sales");
        Assert.True(third.Started);
        await third.Completion;
    }

    [Fact]
    public async Task Overlap_WithAllow_RunsBoth()
    {
        await using var h = Harness.Create(sales: i => i.OnOverlap(OverlapPolicy.Allow));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", (_, ct) => release.Task.WaitAsync(ct));

        var first = await h.Operations.RunNowAsync("sales");
        var second = await h.Operations.RunNowAsync("sales");
        release.SetResult();

        Assert.True(first.Started);
        Assert.True(second.Started);
        Assert.Equal(ExecutionStatus.OK, (await second.Completion).Status);
        Assert.Equal(ExecutionStatus.OK, (await first.Completion).Status);
    }

    [Fact]
    public async Task RunOccurrence_CreatesOneExecutionPerOccurrence()
    {
        await using var h = Harness.Create();
        var runs = 0;
        h.Scripts.Set("sales", _ => Interlocked.Increment(ref runs));
        var occurrence = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        var first = await h.Operations.RunOccurrenceAsync("sales", occurrence);
        await first.Completion;
        var again = await h.Operations.RunOccurrenceAsync("sales", occurrence);

        Assert.True(first.Started);
        Assert.False(again.Started);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, runs);
        Assert.Equal(new ExecutionWindow(occurrence.AddHours(-2), occurrence), first.Execution.Window);
    }

    [Fact]
    public async Task RunOccurrence_RejectsAnInstantThatIsNotAnOccurrence()
    {
        await using var h = Harness.Create();

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await h.Operations.RunOccurrenceAsync("sales", Harness.Start));

        Assert.Contains("'sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not an occurrence", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNow_OfAnUnknownInterface_NamesIt()
    {
        await using var h = Harness.Create();

        var e = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await h.Operations.RunNowAsync("nope"));

        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNow_OfARealTimeInterface_IsRefused()
    {
        await using var h = Harness.Create(x => x.AddRealTimeInterface("public-api", i => i.Inbound()));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await h.Operations.RunNowAsync("public-api"));

        Assert.Contains("'public-api' is real-time", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_EndsARunningExecutionCancelled()
    {
        await using var h = Harness.Create();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Scripts.Set("sales", async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var run = await h.Operations.RunNowAsync("sales");
        await started.Task;

        Assert.True(await h.Operations.CancelAsync(run.Id));
        var ended = await run.Completion;

        Assert.Equal(ExecutionStatus.Cancelled, ended.Status);
        Assert.Equal(ExecutionReason.Cancelled, ended.Reason);
        Assert.Contains(await h.LinesAsync(ended.Id), l => l.Message.Contains("operator", StringComparison.Ordinal));
        Assert.False(await h.Operations.CancelAsync(run.Id));
    }

    [Fact]
    public async Task Cancel_OfAnUnknownExecution_Throws()
    {
        await using var h = Harness.Create();

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await h.Operations.CancelAsync(ExecutionId.New(Harness.Start)));
    }

    [Fact]
    public async Task Query_ListsNewestFirst_InPages()
    {
        await using var h = Harness.Create();
        var ids = new List<ExecutionId>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await h.RunNowAsync()).Id);
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await h.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales", Limit = 2 });
        var second = await h.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales", Limit = 2, Before = first.Next });
        var third = await h.Operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales", Limit = 2, Before = second.Next });

        Assert.Equal([ids[4], ids[3], ids[2], ids[1], ids[0]], first.Items.Concat(second.Items).Concat(third.Items).Select(e => e.Id));
        Assert.Null(third.Next);
    }
}
