namespace Integration.Storage.Conformance;

/// <summary>
/// A status only moves towards the truth: late lines are kept, error lines are counted as they land, and an ended
/// execution never shows OK while it holds an error line.
/// </summary>
public abstract partial class ExecutionStoreConformanceTests
{
    [Fact]
    public async Task LateInfoLine_OnAnExecutionThatEndedOk_IsAppended_AndKeepsItOk()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution(kind: ExecutionKind.Daily, uniqueKey: "public-api@2026-03-02");
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("call 1"));
        await store.CompleteAsync(Completion(execution, ExecutionStatus.OK));

        var sequence = await store.AppendAsync(execution.Id, Line("call 2, still in flight at midnight"));

        var read = (await store.GetAsync(execution.Id))!;
        Assert.Equal(2, sequence);
        Assert.Equal(ExecutionStatus.OK, read.Status);
        Assert.Equal(ExecutionReason.None, read.Reason);
        Assert.Equal(default, read.Errors);
        Assert.Equal(["call 1", "call 2, still in flight at midnight"], (await store.ReadLogAsync(execution.Id, new LogQuery())).Select(l => l.Message));
    }

    [Fact]
    public async Task LateErrorLine_OnAnExecutionThatEndedOk_TurnsItKo_WithReasonErrorAndTheCount()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution(kind: ExecutionKind.Daily, uniqueKey: "public-api@2026-03-02");
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("call 1"));
        await store.CompleteAsync(Completion(execution, ExecutionStatus.OK));

        var first = await store.AppendAsync(execution.Id, Line("partner timed out", ExecutionLogLevel.Error, ErrorCategory.External));
        var second = await store.AppendAsync(execution.Id, Line("no category", ExecutionLogLevel.Error));

        var read = (await store.GetAsync(execution.Id))!;
        Assert.Equal([2L, 3L], [first, second]);
        Assert.Equal(ExecutionStatus.KO, read.Status);
        Assert.Equal(ExecutionReason.Error, read.Reason);
        Assert.Equal(new ErrorCounts(External: 1, Configuration: 0, Mapping: 0, Technical: 1, Cascade: 0), read.Errors);
        Assert.Equal(T0.AddMinutes(5), read.EndedAt);
        Assert.Equal(2, (await store.ReadLogAsync(execution.Id, LogQuery.Errors)).Count);
    }

    [Theory]
    [InlineData(ExecutionStatus.Cancelled, ExecutionReason.Cancelled)]
    [InlineData(ExecutionStatus.KO, ExecutionReason.Timeout)]
    public async Task LateErrorLine_OnAnExecutionThatEndedOtherwise_IsCounted_AndKeepsItsStatus(ExecutionStatus status, ExecutionReason reason)
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.CompleteAsync(Completion(execution, status) with { Reason = reason });

        await store.AppendAsync(execution.Id, Line("mapping failed", ExecutionLogLevel.Error, ErrorCategory.Mapping));

        var read = (await store.GetAsync(execution.Id))!;
        Assert.Equal(status, read.Status);
        Assert.Equal(reason, read.Reason);
        Assert.Equal(1, read.Errors.Mapping);
    }

    [Fact]
    public async Task ErrorLines_AreCountedOnAppend_WhileTheExecutionRuns()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        await store.AppendAsync(execution.Id, Line("fetched"));
        await store.AppendAsync(execution.Id, Line("bad sku", ExecutionLogLevel.Error, ErrorCategory.Mapping));
        await store.AppendAsync(execution.Id, Line("bad price", ExecutionLogLevel.Error, ErrorCategory.Mapping));
        await store.AppendAsync(execution.Id, Line("export failed", ExecutionLogLevel.Error, ErrorCategory.Cascade));
        await store.AppendAsync(execution.Id, Line("warned", ExecutionLogLevel.Warning));

        var read = (await store.GetAsync(execution.Id))!;
        Assert.Equal(ExecutionStatus.Running, read.Status);
        Assert.Equal(new ErrorCounts(External: 0, Configuration: 0, Mapping: 2, Technical: 0, Cascade: 1), read.Errors);
    }

    [Fact]
    public async Task Complete_AsOk_WhileTheStoreHoldsAnErrorLine_EndsKoWithReasonError()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution(kind: ExecutionKind.Daily, uniqueKey: "public-api@2026-03-02");
        await store.CreateAsync(execution);

        // Another node wrote the error: the node closing the day counted none.
        await store.AppendAsync(execution.Id, Line("partner refused the call", ExecutionLogLevel.Error, ErrorCategory.External));
        var ended = await store.CompleteAsync(Completion(execution, ExecutionStatus.OK));

        Assert.NotNull(ended);
        Assert.Equal(ExecutionStatus.KO, ended.Status);
        Assert.Equal(ExecutionReason.Error, ended.Reason);
        Assert.Equal(1, ended.Errors.External);
        Assert.Equal(ended, await store.GetAsync(execution.Id));
    }

    [Fact]
    public async Task Complete_WithCountsLowerThanStored_KeepsTheStoredCounts_AndRaisesTheOthers()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("timeout 1", ExecutionLogLevel.Error, ErrorCategory.External));
        await store.AppendAsync(execution.Id, Line("timeout 2", ExecutionLogLevel.Error, ErrorCategory.External));

        var ended = await store.CompleteAsync(Completion(execution, ExecutionStatus.KO) with
        {
            Reason = ExecutionReason.Error,
            Errors = new ErrorCounts(External: 1, Configuration: 0, Mapping: 0, Technical: 3, Cascade: 0),
        });

        Assert.Equal(new ErrorCounts(External: 2, Configuration: 0, Mapping: 0, Technical: 3, Cascade: 0), ended!.Errors);
        Assert.Equal(ExecutionStatus.KO, ended.Status);
    }

    [Fact]
    public async Task Complete_AsOk_WithErrorCounts_EndsKoWithReasonError()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        // Lines the store failed to record are counted by the writer: the completion carries them.
        var ended = await store.CompleteAsync(Completion(execution, ExecutionStatus.OK) with { Errors = new ErrorCounts(0, 0, 0, 1, 0) });

        Assert.Equal(ExecutionStatus.KO, ended!.Status);
        Assert.Equal(ExecutionReason.Error, ended.Reason);
        Assert.Equal(1, ended.Errors.Technical);
    }

    [Fact]
    public async Task AnAbandonedExecution_StaysFenced_AgainstLateErrorLines()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("timeout", ExecutionLogLevel.Error, ErrorCategory.External));
        await store.AbandonExpiredAsync(TimeSpan.Zero);

        var sequence = await store.AppendAsync(execution.Id, Line("after the pause", ExecutionLogLevel.Error, ErrorCategory.External));

        var read = (await store.GetAsync(execution.Id))!;
        Assert.Equal(0, sequence);
        Assert.Equal(ExecutionStatus.Abandoned, read.Status);
        Assert.Equal(1, read.Errors.External);
        Assert.Single(await store.ReadLogAsync(execution.Id, new LogQuery()));
    }

    [Fact]
    public async Task AnAbandonRacingAppendsOfErrorLines_EndsWithCountsEqualToTheStoredErrorLines()
    {
        const int writers = 8;
        const int linesPerWriter = 50;
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        using var start = new Barrier(writers + 1);
        using var halfway = new CountdownEvent(writers);

        var appends = Enumerable.Range(0, writers).Select(w => OnOwnThread(async () =>
        {
            var sequences = new List<long>();
            start.SignalAndWait();
            for (var i = 0; i < linesPerWriter; i++)
            {
                if (i == linesPerWriter / 2)
                {
                    halfway.Signal();
                }

                sequences.Add(await store.AppendAsync(execution.Id, Line($"{w}:{i}", ExecutionLogLevel.Error, (ErrorCategory)(i % 5))));
            }

            return sequences;
        })).ToArray();
        var abandon = OnOwnThread(async () =>
        {
            start.SignalAndWait();

            // Every writer is mid-way: the abandon lands among their appends.
            halfway.Wait();
            return await store.AbandonExpiredAsync(TimeSpan.Zero);
        });

        var written = (await Task.WhenAll(appends)).SelectMany(s => s).Count(s => s > 0);
        Assert.Equal(1, await abandon);

        var read = (await store.GetAsync(execution.Id))!;
        var errors = await StoreTests.ReadAllAsync(store, execution.Id, ExecutionLogLevel.Error);

        var stored = default(ErrorCounts);
        foreach (var line in errors)
        {
            stored = stored.Add(line.Category!.Value);
        }

        Assert.Equal(ExecutionStatus.Abandoned, read.Status);
        Assert.Equal(written, errors.Count);
        Assert.Equal(stored, read.Errors);
        Assert.InRange(errors.Count, writers * linesPerWriter / 2, writers * linesPerWriter);
    }

    [Fact]
    public async Task Query_ByRerunOf_ListsTheReRunsOfAnExecution_NewestFirst()
    {
        var store = await CreateStoreAsync();
        var original = NewExecution();
        var other = NewExecution(startedAt: T0.AddMinutes(1));
        await store.CreateAsync(original);
        await store.CreateAsync(other);
        var reruns = new List<Execution>();
        for (var i = 0; i < 3; i++)
        {
            var rerun = NewExecution(startedAt: T0.AddMinutes(10 + i)) with { Trigger = ExecutionTrigger.Rerun, RerunOf = original.Id, Window = original.Window };
            reruns.Add(rerun);
            await store.CreateAsync(rerun);
        }

        await store.CreateAsync(NewExecution(startedAt: T0.AddMinutes(20)) with { Trigger = ExecutionTrigger.Rerun, RerunOf = other.Id });

        var page = await store.QueryAsync(new ExecutionQuery { RerunOf = original.Id });
        var none = await store.QueryAsync(new ExecutionQuery { RerunOf = reruns[0].Id });

        Assert.Equal(reruns.AsEnumerable().Reverse().Select(e => e.Id), page.Items.Select(e => e.Id));
        Assert.All(page.Items, e => Assert.Equal(original.Id, e.RerunOf));
        Assert.Empty(none.Items);
    }

    private static ExecutionCompletion Completion(Execution execution, ExecutionStatus status) => new()
    {
        ExecutionId = execution.Id,
        Status = status,
        EndedAt = T0.AddMinutes(5),
    };
}
