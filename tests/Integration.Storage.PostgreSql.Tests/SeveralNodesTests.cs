using Microsoft.Extensions.Time.Testing;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class SeveralNodesTests : PostgresSchemaTest
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task TwoNodes_Run1000DueOccurrences_EachExactlyOnce()
    {
        var runs = new Runs();
        await using var a = new Node(Schema.ConnectionString, "node-a", runs);
        await using var b = new Node(Schema.ConnectionString, "node-b", runs);
        var occurrences = Enumerable.Range(0, 1000).Select(i => T0.AddMinutes(i)).ToArray();

        var fired = await Task.WhenAll(new[] { a, b }.Select(node => Task.Run(async () =>
        {
            var completions = new List<Task<Execution>>();
            foreach (var occurrence in occurrences)
            {
                completions.Add((await node.Operations.RunOccurrenceAsync("sales", occurrence)).Completion);
            }

            return await Task.WhenAll(completions);
        })));

        Assert.Equal(1000, runs.ByWindowEnd.Count);
        Assert.All(runs.ByWindowEnd.Values, count => Assert.Equal(1, count));
        Assert.Equal(1000, fired[0].Concat(fired[1]).Select(e => e.Id).Distinct().Count());
        var stored = await a.Store.QueryAsync(new ExecutionQuery { Limit = ExecutionQuery.MaxLimit });
        Assert.Equal(1000, stored.Items.Count);
        Assert.All(stored.Items, e => Assert.Equal(ExecutionStatus.OK, e.Status));
        Assert.Contains(stored.Items, e => e.NodeId == "node-a");
        Assert.Contains(stored.Items, e => e.NodeId == "node-b");
    }

    [PostgresFact]
    public async Task TwoNodes_With64ConcurrentFirstCallersEach_CreateOneExecutionPerKey()
    {
        var runs = new Runs();
        await using var a = new Node(Schema.ConnectionString, "node-a", runs);
        await using var b = new Node(Schema.ConnectionString, "node-b", runs);
        using var barrier = new Barrier(128);

        var creations = await Task.WhenAll(Enumerable.Range(0, 128).Select(i => Task.Factory.StartNew(async () =>
        {
            var node = i % 2 == 0 ? a : b;
            var daily = new Execution
            {
                Id = ExecutionId.New(T0),
                InterfaceId = "public-api",
                ScheduleId = "public-api_daily",
                Kind = ExecutionKind.Daily,
                Trigger = ExecutionTrigger.Call,
                Window = new ExecutionWindow(T0, T0.AddDays(1)),
                UniqueKey = "public-api@2026-03-02",
                StartedAt = T0,
                NodeId = i % 2 == 0 ? "node-a" : "node-b",
            };
            barrier.SignalAndWait();
            return await node.Store.CreateAsync(daily);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        Assert.Single(creations, c => c.Created);
        Assert.Single(creations.Select(c => c.Execution.Id).Distinct());
        Assert.Single((await b.Store.QueryAsync(new ExecutionQuery { Kind = ExecutionKind.Daily })).Items);
    }

    [PostgresFact]
    public async Task TwoNodes_With64ConcurrentFirstCallersEach_ResolveOneDailyExecution()
    {
        var runs = new Runs();
        await using var a = new Node(Schema.ConnectionString, "node-a", runs);
        await using var b = new Node(Schema.ConnectionString, "node-b", runs);
        using var barrier = new Barrier(128);

        var resolved = await Task.WhenAll(Enumerable.Range(0, 128).Select(i => Task.Factory.StartNew(async () =>
        {
            var node = i % 2 == 0 ? a : b;
            barrier.SignalAndWait();
            return await node.Daily.GetCurrentAsync("public-api");
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()));

        Assert.Single(resolved.Select(e => e.Id).Distinct());
        var daily = Assert.Single((await b.Store.QueryAsync(new ExecutionQuery { Kind = ExecutionKind.Daily })).Items);
        Assert.Equal("public-api_daily", daily.ScheduleId);
        Assert.Equal(ExecutionStatus.Running, daily.Status);
    }

    [PostgresFact]
    public async Task APausedNode_WhoseLeaseWasTakenOver_CannotAppendOrComplete_AndStops()
    {
        var runs = new Runs();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        runs.Then = async (run, ct) =>
        {
            started.TrySetResult();
            await resume.Task;
            run.Log.Info("written after the pause");
            await run.Log.FlushAsync(CancellationToken.None);
            sawCancellation.TrySetResult(ct.IsCancellationRequested);
            ct.ThrowIfCancellationRequested();
        };

        // Node A's clock never moves: its heartbeats never fire, as if the process were paused.
        await using var a = new Node(Schema.ConnectionString, "node-a", runs, new FakeTimeProvider(T0));
        await using var b = new Node(Schema.ConnectionString, "node-b", runs);
        var run = await a.Operations.RunOccurrenceAsync("sales", T0);
        await started.Task;

        Assert.Equal(1, await b.Store.AbandonExpiredAsync(TimeSpan.Zero));
        resume.SetResult();
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await sawCancellation.Task);
        Assert.Equal(ExecutionStatus.Abandoned, ended.Status);
        Assert.Equal(ExecutionStatus.Abandoned, (await b.Store.GetAsync(run.Id))!.Status);
        Assert.Empty(await b.Store.ReadLogAsync(run.Id, new LogQuery()));
        Assert.False(await a.Store.RenewLeaseAsync(run.Id, "node-a"));
    }
}
