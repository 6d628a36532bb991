namespace Integration.Storage.Conformance;

/// <summary>Leases, abandonment, fencing and retention: the promises the store keeps for several nodes and long runs.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    [Fact]
    public async Task RenewLease_SucceedsForItsNode_AndFailsForAnotherNodeOrAnEndedExecution()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        Assert.True(await store.RenewLeaseAsync(execution.Id, "node-1"));
        Assert.NotNull((await store.GetAsync(execution.Id))!.HeartbeatAt);
        Assert.False(await store.RenewLeaseAsync(execution.Id, "node-2"));
        Assert.False(await store.RenewLeaseAsync(ExecutionId.New(T0), "node-1"));

        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });
        Assert.False(await store.RenewLeaseAsync(execution.Id, "node-1"));
    }

    [Fact]
    public async Task AbandonExpired_EndsRunningExecutionsWhoseLeaseExpired_AndKeepsTheirLines()
    {
        var store = await CreateStoreAsync();
        var running = NewExecution();
        var ended = NewExecution(startedAt: T0.AddMinutes(1));
        await store.CreateAsync(running);
        await store.CreateAsync(ended);
        await store.AppendAsync(running.Id, Line("fetched 10 sales"));
        await store.AppendAsync(running.Id, Line("partner timed out", ExecutionLogLevel.Error, ErrorCategory.External));
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = ended.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(2) });

        var abandoned = await store.AbandonExpiredAsync(TimeSpan.Zero);

        var read = (await store.GetAsync(running.Id))!;
        Assert.Equal(1, abandoned);
        Assert.Equal(ExecutionStatus.Abandoned, read.Status);
        Assert.Equal(ExecutionReason.Abandoned, read.Reason);
        Assert.NotNull(read.EndedAt);
        Assert.Equal(1, read.Errors.External);
        Assert.Equal(["fetched 10 sales", "partner timed out"], (await store.ReadLogAsync(running.Id, new LogQuery())).Select(l => l.Message));
        Assert.Equal(ExecutionStatus.OK, (await store.GetAsync(ended.Id))!.Status);
        Assert.Equal(0, await store.AbandonExpiredAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task AbandonExpired_LeavesDailyExecutionsOpen_TheyHaveNoOwningNode()
    {
        var store = await CreateStoreAsync();
        var daily = NewExecution("public-api", uniqueKey: "public-api_daily@2026-03-02", kind: ExecutionKind.Daily);
        await store.CreateAsync(daily);

        Assert.Equal(0, await store.AbandonExpiredAsync(TimeSpan.Zero));
        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(daily.Id))!.Status);
        Assert.Equal(1, await store.AppendAsync(daily.Id, Line("a call")));
    }

    [Fact]
    public async Task AbandonExpired_LeavesExecutionsWhoseLeaseIsCurrent()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.RenewLeaseAsync(execution.Id, "node-1");

        Assert.Equal(0, await store.AbandonExpiredAsync(TimeSpan.FromHours(1)));
        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(execution.Id))!.Status);
    }

    [Fact]
    public async Task AnAbandonedExecution_IsFenced_AppendAndCompleteAffectNothing()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("before the pause"));
        await store.AbandonExpiredAsync(TimeSpan.Zero);

        var sequence = await store.AppendAsync(execution.Id, Line("after the pause"));
        var completion = await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddHours(1) });

        Assert.Equal(0, sequence);
        Assert.Null(completion);
        Assert.False(await store.RenewLeaseAsync(execution.Id, "node-1"));
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(execution.Id))!.Status);
        Assert.Equal(["before the pause"], (await store.ReadLogAsync(execution.Id, new LogQuery())).Select(l => l.Message));
    }

    [Fact]
    public async Task Purge_DeletesEndedExecutionsOlderThanTheCutOff_InBatches_WithTheirLines()
    {
        var store = await CreateStoreAsync();
        var old = new List<Execution>();
        for (var i = 0; i < 5; i++)
        {
            var execution = NewExecution(uniqueKey: $"sales@{i}", startedAt: T0.AddMinutes(i));
            old.Add(execution);
            await store.CreateAsync(execution);
            await store.AppendAsync(execution.Id, Line($"line of {i}"));
            await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(i + 1) });
        }

        var recent = NewExecution(startedAt: T0.AddDays(1));
        var running = NewExecution(startedAt: T0.AddMinutes(-30));
        await store.CreateAsync(recent);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = recent.Id, Status = ExecutionStatus.KO, Reason = ExecutionReason.Error, EndedAt = T0.AddDays(1) });
        await store.CreateAsync(running);
        var cutOff = T0.AddHours(12);

        Assert.Equal(2, await store.PurgeAsync(cutOff, batchSize: 2));
        Assert.Equal(2, await store.PurgeAsync(cutOff, batchSize: 2));
        Assert.Equal(1, await store.PurgeAsync(cutOff, batchSize: 2));
        Assert.Equal(0, await store.PurgeAsync(cutOff, batchSize: 2));

        foreach (var execution in old)
        {
            Assert.Null(await store.GetAsync(execution.Id));
            await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.ReadLogAsync(execution.Id, new LogQuery()));
        }

        Assert.Null(await store.FindByUniqueKeyAsync("sales@0"));
        Assert.Equal([recent.Id, running.Id], (await store.QueryAsync(new ExecutionQuery())).Items.Select(e => e.Id));
    }
}
