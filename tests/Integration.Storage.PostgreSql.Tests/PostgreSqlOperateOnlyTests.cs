using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A host that only operates asks, through the shared database; exactly one of two worker hosts runs what it asked.</summary>
public sealed class PostgreSqlOperateOnlyTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    [PostgresFact]
    public async Task OperateOnlyHost_RunsNow_ExactlyOneWorkerHostRunsIt_AndTheRequesterSeesItEnd()
    {
        var clock = new FakeTimeProvider(Start);
        var runs = new Recorder();
        using var console = Build("console", clock, runs, operateOnly: true);
        using var a = Build("worker-a", clock, runs, operateOnly: false);
        using var b = Build("worker-b", clock, runs, operateOnly: false);
        await console.StartAsync();
        await a.StartAsync();
        await b.StartAsync();
        var operations = console.Services.GetRequiredService<IExecutionOperations>();

        var run = await AdvanceUntilAsync(clock, operations.RunNowAsync("sales", "alice").AsTask());
        await runs.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var rerunWhileRunning = await Assert.ThrowsAsync<InvalidOperationException>(async () => await operations.RerunAsync(run.Id, "bob"));
        runs.Release.SetResult();
        var ended = await AdvanceUntilAsync(clock, run.Completion);
        var unknown = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await operations.RunNowAsync("stock", "alice"));
        await b.StopAsync();
        await a.StopAsync();
        await console.StopAsync();

        Assert.True(run.Started);
        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Contains(ended.NodeId, new[] { "worker-a", "worker-b" });
        Assert.Equal([(run.Id, ended.NodeId)], runs.Ran.ToArray());
        var stored = Assert.Single((await operations.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items);
        Assert.Equal((run.Id, ExecutionStatus.OK, ExecutionTrigger.Manual), (stored.Id, stored.Status, stored.Trigger));
        Assert.Equal("Run now by alice", (await operations.ReadLogAsync(run.Id, new LogQuery()))[0].Message);
        Assert.Contains("still running", rerunWhileRunning.Message, StringComparison.Ordinal);
        Assert.Contains("'stock'", unknown.Message, StringComparison.Ordinal);
    }

    /// <summary>Moves the shared clock one poll at a time (every host's loops wait on it) until the task completes.</summary>
    private static async Task<T> AdvanceUntilAsync<T>(FakeTimeProvider clock, Task<T> task)
    {
        for (var i = 0; i < 600 && !task.IsCompleted; i++)
        {
            clock.Advance(Poll);
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(50)));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private IHost Build(string nodeId, FakeTimeProvider clock, Recorder runs, bool operateOnly)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(clock).AddSingleton(runs);
        builder.Services.AddExecutions(x =>
        {
            x.UsePostgreSqlStore(Schema.ConnectionString).Configure(o => o.NodeId = nodeId).ConfigureRunRequests(o => o.PollInterval = Poll);
            x.AddScheduledInterface<Gated>("sales", i => i.Cron("0 * * * *"));
            if (operateOnly)
            {
                x.OperateOnly();
            }
        });
        return builder.Build();
    }

    private sealed class Recorder
    {
        public ConcurrentQueue<(ExecutionId, string?)> Ran { get; } = new();

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Gated(Recorder runs) : IExternalInterface
    {
        public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
        {
            runs.Ran.Enqueue((run.Execution.Id, run.Execution.NodeId));
            runs.Started.TrySetResult();
            await runs.Release.Task.WaitAsync(cancellationToken);
        }
    }
}
