using Integration.Storage.Conformance;
using Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integration.Tests;

/// <summary>
/// A host that only operates, beside executing hosts on one shared in-memory store and one fake clock: its run now and
/// re-run are stored, claimed and started by exactly one executing node, and watched to their end.
/// </summary>
public sealed class OperateOnlyHostTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private static Harness Operator(Harness? sharing = null, Action<IExecutionsBuilder>? configure = null) => Harness.Create(
        x =>
        {
            x.Configure(o => o.NodeId = "console").OperateOnly();
            configure?.Invoke(x);
        },
        time: sharing?.Time,
        store: sharing?.Store);

    private static Harness Worker(string nodeId, Harness sharing, IExecutionStore? store = null) => Harness.Create(
        x => x.Configure(o => o.NodeId = nodeId),
        time: sharing.Time,
        store: store ?? sharing.Store);

    private static RunRequestWorker WorkerOf(Harness h) => h.Provider.GetRequiredService<RunRequestWorker>();

    /// <summary>Moves the shared clock one poll at a time until the task completes (the requester watches the store each poll).</summary>
    private static async Task<T> PollUntilAsync<T>(Harness h, Task<T> task)
    {
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            h.Time.Advance(Poll);
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(20)));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunNow_OnAnOperateOnlyHost_IsStartedByExactlyOneOfTwoWorkers_AndTheRequesterSeesItEnd()
    {
        await using var console = Operator();
        await using var a = Worker("worker-a", console);
        await using var b = Worker("worker-b", console);

        var requested = console.Operations.RunNowAsync("sales", "alice").AsTask();
        var claims = await Task.WhenAll(Task.Run(() => WorkerOf(a).ClaimAndStartAsync(CancellationToken.None)), Task.Run(() => WorkerOf(b).ClaimAndStartAsync(CancellationToken.None)));
        var run = await PollUntilAsync(console, requested);
        var ended = await PollUntilAsync(console, run.Completion);

        Assert.Equal(1, claims.Sum());
        Assert.True(run.Started);
        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal(ExecutionTrigger.Manual, ended.Trigger);
        Assert.Contains(ended.NodeId, new[] { "worker-a", "worker-b" });
        var execution = Assert.Single(await console.ExecutionsAsync());
        Assert.Equal(run.Id, execution.Id);
        Assert.Equal("Run now by alice", (await console.LinesAsync(run.Id))[0].Message);
        var action = Assert.Single(await console.Operations.GetActionsAsync(run.Id));
        Assert.Equal((ExecutionActionKind.RunNow, "alice"), (action.Kind, action.Actor));
    }

    [Fact]
    public async Task Rerun_OnAnOperateOnlyHost_KeepsRerunOfAndTheOriginalWindow()
    {
        await using var console = Operator();
        await using var worker = Worker("worker-a", console);
        var original = await worker.RunNowAsync();
        console.Time.Advance(TimeSpan.FromMinutes(45));

        var requested = console.Operations.RerunAsync(original.Id, "bob").AsTask();
        Assert.Equal(1, await WorkerOf(worker).ClaimAndStartAsync(CancellationToken.None));
        var run = await PollUntilAsync(console, requested);
        var ended = await PollUntilAsync(console, run.Completion);

        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal(ExecutionTrigger.Rerun, ended.Trigger);
        Assert.Equal(original.Id, ended.RerunOf);
        Assert.Equal(original.Window, ended.Window);
        Assert.Equal($"Re-run of {original.Id} by bob", (await console.LinesAsync(run.Id))[0].Message);
        var action = Assert.Single(await console.Operations.GetActionsAsync(run.Id));
        Assert.Equal((ExecutionActionKind.Rerun, "bob", original.Id.ToString()), (action.Kind, action.Actor, action.Detail));
    }

    [Fact]
    public async Task WorkerHost_ClaimsARequestWithinOnePollInterval_OfItsOwnLoop()
    {
        await using var console = Operator();
        await using var worker = Worker("worker-a", console);
        await worker.StartHostAsync();

        var run = await PollUntilAsync(console, console.Operations.RunNowAsync("sales").AsTask());
        var ended = await PollUntilAsync(console, run.Completion);

        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Equal("worker-a", ended.NodeId);
        await worker.StopHostAsync();
    }

    [Fact]
    public async Task OperateOnlyHost_FiresNoSchedule_AndClaimsNoRequest_SoItsRunNowTimesOutNamingTheInterface()
    {
        await using var console = Operator(configure: x => x.ConfigureRunRequests(o => o.StartTimeout = TimeSpan.FromSeconds(5)));
        foreach (var service in console.Provider.GetServices<IHostedService>())
        {
            // Not StartHostAsync: it waits for a scheduler pass, and an operate-only host's scheduler makes none.
            await service.StartAsync(CancellationToken.None);
        }

        console.Time.Advance(TimeSpan.FromHours(3));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => PollUntilAsync(console, console.Operations.RunNowAsync("sales").AsTask()));

        Assert.Contains("'sales'", e.Message, StringComparison.Ordinal);
        Assert.Contains("stays stored", e.Message, StringComparison.Ordinal);
        Assert.Empty(await console.ExecutionsAsync());
        Assert.Null((await console.Store.ClaimRunRequestsAsync("probe", ["sales"], 1, TimeSpan.FromHours(1))).Single().ExecutionId);
        await console.StopHostAsync();
    }

    [Fact]
    public async Task ARequestStartedByANodeThatDiedBeforeRecordingIt_IsClaimedAgainAfterTheLease_AndStillRunsOnce()
    {
        await using var console = Operator();
        await using var dying = Worker("worker-a", console, new ForgetfulStore(console.Store));
        await using var next = Worker("worker-b", console);

        var requested = console.Operations.RunNowAsync("sales").AsTask();
        Assert.Equal(1, await WorkerOf(dying).ClaimAndStartAsync(CancellationToken.None));
        Assert.Equal(0, await WorkerOf(next).ClaimAndStartAsync(CancellationToken.None));
        console.Time.Advance(new LeaseOptions().LeaseTimeout);
        Assert.Equal(1, await WorkerOf(next).ClaimAndStartAsync(CancellationToken.None));
        var run = await PollUntilAsync(console, requested);
        await PollUntilAsync(console, run.Completion);

        var execution = Assert.Single(await console.ExecutionsAsync());
        Assert.Equal("worker-a", execution.NodeId);
        Assert.Equal(ExecutionStatus.OK, execution.Status);
    }

    [Fact]
    public async Task OperateOnlyHost_RejectsBadInputLikeAnyHost()
    {
        await using var console = Operator();
        await using var worker = Worker("worker-a", console);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Scripts.Set("sales", (_, _) => gate.Task);
        var running = await worker.Operations.RunNowAsync("sales");

        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await console.Operations.RunNowAsync("unknown", "alice"));
        var rerun = await Assert.ThrowsAsync<InvalidOperationException>(async () => await console.Operations.RerunAsync(running.Id, "alice"));
        Assert.Contains("still running", rerun.Message, StringComparison.Ordinal);
        var occurrence = await Assert.ThrowsAsync<InvalidOperationException>(async () => await console.Operations.RunOccurrenceAsync("sales", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        Assert.Contains("only operates", occurrence.Message, StringComparison.Ordinal);
        Assert.Equal(0, await WorkerOf(worker).ClaimAndStartAsync(CancellationToken.None));

        gate.SetResult();
        await running.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("PollInterval=00:00:00.010", true)]
    [InlineData("PollInterval=00:00:00.009", false)]
    [InlineData("PollInterval=00:01:00", true)]
    [InlineData("PollInterval=00:01:00.001", false)]
    [InlineData("StartTimeout=00:00:01", true)]
    [InlineData("StartTimeout=00:00:00.999", false)]
    public void RunRequestOptions_AcceptTheirDocumentedRangeOnly(string setting, bool valid)
    {
        var at = setting.IndexOf('=', StringComparison.Ordinal);
        var value = TimeSpan.Parse(setting[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var options = setting.StartsWith("PollInterval", StringComparison.Ordinal) ? new RunRequestOptions { PollInterval = value } : new RunRequestOptions { StartTimeout = value };

        var result = new RunRequestOptionsValidator().Validate(null, options);

        Assert.Equal(!valid, result.Failed);
        if (!valid)
        {
            Assert.Contains(setting[..at], result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InvalidRunRequestOptions_FailWhenTheHostStarts()
    {
        await using var h = Operator(configure: x => x.ConfigureRunRequests(o => o.PollInterval = TimeSpan.Zero));

        Assert.Throws<OptionsValidationException>(() => h.Provider.GetRequiredService<IOptions<RunRequestOptions>>().Value);
    }

    /// <summary>A node that dies right after starting a request's execution: the store never learns the request started.</summary>
    private sealed class ForgetfulStore(IExecutionStore inner) : DelegatingStore(inner)
    {
        public override ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default)
            => ValueTask.FromException<bool>(new InvalidOperationException("the node died"));
    }
}
