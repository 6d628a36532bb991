namespace Integration.Storage.Conformance;

/// <summary>Cancel requests: stored on a running execution for its node to read with its heartbeat.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    [Fact]
    public async Task RequestCancel_OnARunningExecution_StoresWhoAndWhen_AndTheNodesNextRenewalReadsIt()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        Assert.Equal(new LeaseRenewal(Renewed: true, CancelRequest: null), await store.RenewLeaseAndReadCancelAsync(execution.Id, "node-1"));
        var before = TimeProvider.System.GetUtcNow();

        var request = await store.RequestCancelAsync(execution.Id, "alice@example.com");

        var after = TimeProvider.System.GetUtcNow();
        Assert.NotNull(request);
        Assert.Equal("alice@example.com", request.RequestedBy);
        Assert.InRange(request.RequestedAt, before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Equal(new LeaseRenewal(Renewed: true, request), await store.RenewLeaseAndReadCancelAsync(execution.Id, "node-1"));
        Assert.Equal(ExecutionStatus.Running, (await store.GetAsync(execution.Id))!.Status);
    }

    [Fact]
    public async Task RequestCancel_Twice_KeepsTheFirstRequest()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        var first = await store.RequestCancelAsync(execution.Id, "alice");
        var second = await store.RequestCancelAsync(execution.Id, "bob");

        Assert.Equal(first, second);
        Assert.Equal("alice", second!.RequestedBy);
    }

    [Fact]
    public async Task RequestCancel_OnAnEndedExecution_IsNotPossible_AndStoresNothing()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });

        Assert.Null(await store.RequestCancelAsync(execution.Id, "alice"));
        Assert.Equal(ExecutionStatus.OK, (await store.GetAsync(execution.Id))!.Status);
    }

    [Fact]
    public async Task RequestCancel_OfAnUnknownExecution_ThrowsExecutionNotFound()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.RequestCancelAsync(ExecutionId.New(T0), "alice"));
    }

    [Fact]
    public async Task RenewLeaseAndReadCancel_FailsForAnotherNodeOrAnEndedExecution_LikeRenewLease()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.RequestCancelAsync(execution.Id, "alice");

        Assert.False((await store.RenewLeaseAndReadCancelAsync(execution.Id, "node-2")).Renewed);
        Assert.False((await store.RenewLeaseAndReadCancelAsync(ExecutionId.New(T0), "node-1")).Renewed);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.Cancelled, Reason = ExecutionReason.Cancelled, EndedAt = T0.AddMinutes(1) });
        Assert.Equal(new LeaseRenewal(Renewed: false, CancelRequest: null), await store.RenewLeaseAndReadCancelAsync(execution.Id, "node-1"));
    }

    [Fact]
    public async Task RequestCancel_OnAnExecutionWhoseNodeDied_IsLeftToTheLeaseSweep_WhichEndsItAbandoned()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.RequestCancelAsync(execution.Id, "alice");

        Assert.Equal(1, await store.AbandonExpiredAsync(TimeSpan.Zero));

        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(execution.Id))!.Status);
    }
}
