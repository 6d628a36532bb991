namespace Integration.Storage.Conformance;

/// <summary>Persisted schedule states (pause and resume) and their audit trail: what every node's scheduler reads.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    /// <summary>Gets whether a second <see cref="CreateStoreAsync"/> in one test opens the same database (false: a new, empty store).</summary>
    protected virtual bool NewStoresShareTheDatabase => true;

    [Fact]
    public async Task Pause_StoresThePausedState_WithActorReasonAndTime_AndOneAuditEntry()
    {
        var store = await CreateStoreAsync();
        var before = TimeProvider.System.GetUtcNow();

        var state = await store.SetSchedulePausedAsync("sales", "sales", paused: true, "alice@example.com", "supplier closed today");

        var after = TimeProvider.System.GetUtcNow();
        Assert.True(state.Paused);
        Assert.Equal("sales", state.ScheduleId);
        Assert.Equal("alice@example.com", state.ChangedBy);
        Assert.Equal("supplier closed today", state.Reason);
        Assert.InRange(state.ChangedAt!.Value, before.AddSeconds(-5), after.AddSeconds(5));
        Assert.Equal(state, (await store.GetScheduleStatesAsync())["sales"]);
        var entry = Assert.Single(await store.ReadScheduleAuditAsync("sales", 10));
        Assert.Equal(new ScheduleAuditEntry("sales", "sales", ScheduleAction.Paused, state.ChangedAt.Value, "alice@example.com", "supplier closed today"), entry);
    }

    [Fact]
    public async Task Pause_OfAPausedSchedule_ChangesNothing_AndWritesNoAuditEntry()
    {
        var store = await CreateStoreAsync();
        var first = await store.SetSchedulePausedAsync("sales", "sales", paused: true, "alice", "first");

        var second = await store.SetSchedulePausedAsync("sales", "sales", paused: true, "bob", "second");

        Assert.Equal(first, second);
        Assert.Single(await store.ReadScheduleAuditAsync("sales", 10));
    }

    [Fact]
    public async Task Resume_OfANeverPausedSchedule_StoresNothing()
    {
        var store = await CreateStoreAsync();

        var state = await store.SetSchedulePausedAsync("sales", "sales", paused: false, "alice", reason: null);

        Assert.Equal(new ScheduleState("sales", Paused: false, ChangedAt: null, ChangedBy: null, Reason: null), state);
        Assert.Empty(await store.GetScheduleStatesAsync());
        Assert.Empty(await store.ReadScheduleAuditAsync("sales", 10));
    }

    [Fact]
    public async Task PauseThenResume_StoresTheResumedState_AndTwoAuditEntries_NewestFirst()
    {
        var store = await CreateStoreAsync();
        await store.SetSchedulePausedAsync("sales", "sales", paused: true, "alice", "holiday");
        await store.SetSchedulePausedAsync("stock", "stock", paused: true, "carol", reason: null);

        var resumed = await store.SetSchedulePausedAsync("sales", "sales", paused: false, "bob", reason: null);

        Assert.False(resumed.Paused);
        Assert.Equal("bob", resumed.ChangedBy);
        Assert.Null(resumed.Reason);
        var states = await store.GetScheduleStatesAsync();
        Assert.Equal(2, states.Count);
        Assert.False(states["sales"].Paused);
        Assert.True(states["stock"].Paused);
        var audit = await store.ReadScheduleAuditAsync("sales", 10);
        Assert.Equal([ScheduleAction.Resumed, ScheduleAction.Paused], audit.Select(e => e.Action));
        Assert.Equal(["bob", "alice"], audit.Select(e => e.Actor));
        Assert.Equal(resumed.ChangedAt, audit[0].At);
        Assert.Single(await store.ReadScheduleAuditAsync("sales", 1));
    }

    [Fact]
    public async Task ScheduleStates_AndAudit_SurviveANewStoreOnTheSameDatabase()
    {
        var first = await CreateStoreAsync();
        await first.SetSchedulePausedAsync("sales", "sales", paused: true, "alice", "holiday");
        var second = NewStoresShareTheDatabase ? await CreateStoreAsync() : first;

        var state = (await second.GetScheduleStatesAsync())["sales"];

        Assert.True(state.Paused);
        Assert.Equal("alice", state.ChangedBy);
        Assert.Equal(ScheduleAction.Paused, Assert.Single(await second.ReadScheduleAuditAsync("sales", 10)).Action);
    }

    [Fact]
    public async Task Pause_KeepsActorAndReasonAsGiven_ControlCharactersAndLongTextIncluded()
    {
        // Escaping and capping are the runtime's (IExecutionOperations); the store keeps text exactly, as a parameter.
        var store = await CreateStoreAsync();
        var actor = "eve'; DROP TABLE schedule_audit; --\u001B[31m\nforged line" + new string('x', 500);
        var reason = "tab\there\r\nand é";

        var state = await store.SetSchedulePausedAsync("sales", "sales", paused: true, actor, reason);

        Assert.Equal(actor, state.ChangedBy);
        Assert.Equal(reason, state.Reason);
        var entry = Assert.Single(await store.ReadScheduleAuditAsync("sales", 10));
        Assert.Equal((actor, reason), (entry.Actor, entry.Reason));
    }

    [Fact]
    public async Task Pause_By16ConcurrentCallers_WritesOneAuditEntry()
    {
        var store = await CreateStoreAsync();
        using var barrier = new Barrier(16);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => OnOwnThread(async () =>
        {
            barrier.SignalAndWait();
            return await store.SetSchedulePausedAsync("sales", "sales", paused: true, "caller-" + i, reason: null);
        })));

        Assert.True((await store.GetScheduleStatesAsync())["sales"].Paused);
        Assert.Single(await store.ReadScheduleAuditAsync("sales", 100));
    }
}
