namespace Integration.Storage.Conformance;

/// <summary>The audit of operator actions on executions, and the cancel request an execution shows.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    [Fact]
    public async Task RecordExecutionAction_IsReadBack_StampedByTheStoresClock_WithTheActorAndDetailAsGiven()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        var before = TimeProvider.System.GetUtcNow();

        var recorded = await store.RecordExecutionActionAsync(execution.Id, ExecutionActionKind.Export, "Zoë \u001b[31m\n<b>", "xlsx");

        var after = TimeProvider.System.GetUtcNow();
        Assert.Equal(execution.Id, recorded.ExecutionId);
        Assert.Equal(ExecutionActionKind.Export, recorded.Kind);
        Assert.Equal("Zoë \u001b[31m\n<b>", recorded.Actor);
        Assert.Equal("xlsx", recorded.Detail);
        Assert.InRange(recorded.At, before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Equal([recorded], await store.ReadExecutionActionsAsync(execution.Id, 10));
    }

    [Fact]
    public async Task ReadExecutionActions_GivesTheFirstOnes_InTheOrderRecorded_UpToTheLimit_AndOnlyTheExecutions()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        var other = NewExecution(startedAt: T0.AddMinutes(1));
        await store.CreateAsync(execution);
        await store.CreateAsync(other);
        await store.RecordExecutionActionAsync(other.Id, ExecutionActionKind.RunNow, "carol", null);
        var kinds = new[] { ExecutionActionKind.RunNow, ExecutionActionKind.Export, ExecutionActionKind.Cancel, ExecutionActionKind.Export, ExecutionActionKind.Export };
        for (var i = 0; i < kinds.Length; i++)
        {
            await store.RecordExecutionActionAsync(execution.Id, kinds[i], i % 2 == 0 ? "alice" : null, $"#{i}");
        }

        var all = await store.ReadExecutionActionsAsync(execution.Id, 100);
        var first3 = await store.ReadExecutionActionsAsync(execution.Id, 3);

        Assert.Equal(["#0", "#1", "#2", "#3", "#4"], all.Select(a => a.Detail));
        Assert.Equal(kinds, all.Select(a => a.Kind));
        Assert.Equal(["alice", null, "alice", null, "alice"], all.Select(a => a.Actor));
        Assert.All(all, a => Assert.Equal(execution.Id, a.ExecutionId));
        Assert.Equal(all.Take(3), first3);
        Assert.Equal(["carol"], (await store.ReadExecutionActionsAsync(other.Id, 100)).Select(a => a.Actor));
    }

    [Fact]
    public async Task ExecutionActions_OfAnExecutionWithoutAny_AreEmpty()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        Assert.Empty(await store.ReadExecutionActionsAsync(execution.Id, 10));
    }

    [Fact]
    public async Task ExecutionActions_OfAnUnknownExecution_ThrowExecutionNotFound()
    {
        var store = await CreateStoreAsync();
        var unknown = ExecutionId.New(T0);

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.RecordExecutionActionAsync(unknown, ExecutionActionKind.Export, "alice", "csv"));
        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.ReadExecutionActionsAsync(unknown, 10));
    }

    [Fact]
    public async Task ReadExecutionActions_WithALimitBelowOne_IsRefused()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.ReadExecutionActionsAsync(execution.Id, 0));
    }

    [Fact]
    public async Task ExecutionActions_AreRecordedOnEndedAndAbandonedExecutions()
    {
        var store = await CreateStoreAsync();
        var ended = NewExecution();
        var abandoned = NewExecution(startedAt: T0.AddMinutes(1));
        await store.CreateAsync(ended);
        await store.CreateAsync(abandoned);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = ended.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });
        Assert.Equal(1, await store.AbandonExpiredAsync(TimeSpan.Zero));

        await store.RecordExecutionActionAsync(ended.Id, ExecutionActionKind.Export, "alice", "csv");
        await store.RecordExecutionActionAsync(abandoned.Id, ExecutionActionKind.Export, "bob", "xlsx");

        Assert.Equal("alice", Assert.Single(await store.ReadExecutionActionsAsync(ended.Id, 10)).Actor);
        Assert.Equal("bob", Assert.Single(await store.ReadExecutionActionsAsync(abandoned.Id, 10)).Actor);
        Assert.Equal(ExecutionStatus.OK, (await store.GetAsync(ended.Id))!.Status);
        Assert.Equal(ExecutionStatus.Abandoned, (await store.GetAsync(abandoned.Id))!.Status);
    }

    [Fact]
    public async Task Purge_DeletesAnExecutionsActionsWithIt()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.RecordExecutionActionAsync(execution.Id, ExecutionActionKind.RunNow, "alice", null);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddMinutes(1) });
        await store.RecordExecutionActionAsync(execution.Id, ExecutionActionKind.Export, "alice", "csv");

        Assert.Equal(1, await store.PurgeAsync(T0.AddHours(1), 10));

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.ReadExecutionActionsAsync(execution.Id, 10));

        // The same id created again starts with no action: none of the purged one's was left behind.
        await store.CreateAsync(execution);
        Assert.Empty(await store.ReadExecutionActionsAsync(execution.Id, 10));
    }

    [Fact]
    public async Task Execution_ShowsItsCancelRequest_WhenReadByIdByQueryAndWhenCompleted_AndNoneBefore()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution(uniqueKey: "sales@09:00");
        await store.CreateAsync(execution);
        Assert.Null((await store.GetAsync(execution.Id))!.CancelRequest);

        var request = await store.RequestCancelAsync(execution.Id, "alice");

        Assert.NotNull(request);
        Assert.Equal(request, (await store.GetAsync(execution.Id))!.CancelRequest);
        Assert.Equal(request, (await store.FindByUniqueKeyAsync("sales@09:00"))!.CancelRequest);
        Assert.Equal(request, Assert.Single((await store.QueryAsync(new ExecutionQuery { InterfaceId = "sales" })).Items).CancelRequest);
        var ended = await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.Cancelled, Reason = ExecutionReason.Cancelled, EndedAt = T0.AddMinutes(1) });
        Assert.Equal(request, ended!.CancelRequest);
        Assert.Equal(request, (await store.GetAsync(execution.Id))!.CancelRequest);
    }

    [Fact]
    public async Task Create_IgnoresACancelRequestOnTheExecutionGiven()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution() with { CancelRequest = new CancelRequest("mallory", T0) };

        await store.CreateAsync(execution);

        Assert.Null((await store.GetAsync(execution.Id))!.CancelRequest);
    }
}
