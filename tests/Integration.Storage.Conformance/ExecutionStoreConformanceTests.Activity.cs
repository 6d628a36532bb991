namespace Integration.Storage.Conformance;

/// <summary>The activity of many interfaces read in one call: what the interface overview shows.</summary>
public abstract partial class ExecutionStoreConformanceTests
{
    /// <summary>The start of the interfaces' "today" in these tests.</summary>
    private static DateTimeOffset DayStart => T0.AddHours(-9);

    [Fact]
    public async Task Activity_ReadsTheLastExecution_TheLastKoAndItsFirstError_TodaysCounts_AndTheRunningOne()
    {
        var store = await CreateStoreAsync();
        await EndAsync(store, NewExecution(startedAt: DayStart.AddTicks(-10)), ExecutionStatus.KO, ErrorCategory.Technical);
        await EndAsync(store, NewExecution(startedAt: DayStart), ExecutionStatus.OK);
        var ko = await EndAsync(store, NewExecution(startedAt: T0), ExecutionStatus.KO, ErrorCategory.Mapping, ErrorCategory.External);
        await EndAsync(store, NewExecution(startedAt: T0.AddMinutes(10)), ExecutionStatus.OK);
        await EndAsync(store, NewExecution(startedAt: T0.AddMinutes(15)), ExecutionStatus.Cancelled);
        var olderRunning = NewExecution(startedAt: T0.AddMinutes(20));
        await store.CreateAsync(olderRunning);
        var running = NewExecution(startedAt: T0.AddMinutes(30));
        await store.CreateAsync(running);
        await EndAsync(store, NewExecution("stock", startedAt: T0.AddMinutes(40)), ExecutionStatus.KO, ErrorCategory.Configuration);

        var activity = Assert.Single(await store.GetInterfaceActivityAsync([new InterfaceActivityQuery("sales", DayStart)]));

        Assert.Equal("sales", activity.InterfaceId);
        Assert.Equal(await store.GetAsync(running.Id), activity.LastExecution);
        Assert.Equal(ko, activity.LastKo);
        Assert.Equal(ErrorCategory.Mapping, activity.LastKoFirstError);
        Assert.Equal(2, activity.OkSince);
        Assert.Equal(1, activity.KoSince);
        Assert.Equal(await store.GetAsync(running.Id), activity.Running);
        Assert.True(activity.HasScheduledExecutions);
    }

    [Fact]
    public async Task Activity_FirstError_IsTheFirstErrorLine_NotTheLatest_NorAWarning()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        await store.AppendAsync(execution.Id, Line("slow answer", ExecutionLogLevel.Warning, ErrorCategory.External));
        await store.AppendAsync(execution.Id, Line("no mapping for SKU 42", ExecutionLogLevel.Error, ErrorCategory.Mapping));
        await store.AppendAsync(execution.Id, Line("partner answered 503", ExecutionLogLevel.Error, ErrorCategory.External));
        await store.AppendAsync(execution.Id, Line("export aborted", ExecutionLogLevel.Error, ErrorCategory.Cascade));
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.KO, Reason = ExecutionReason.Error, EndedAt = T0.AddMinutes(1) });

        var activity = Assert.Single(await store.GetInterfaceActivityAsync([new InterfaceActivityQuery("sales", DayStart)]));

        Assert.Equal(ErrorCategory.Mapping, activity.LastKoFirstError);
    }

    [Fact]
    public async Task Activity_OfAKoWithoutErrorLines_HasNoFirstError_AndAnErrorLineWithoutCategoryCountsAsTechnical()
    {
        var store = await CreateStoreAsync();
        var uncategorized = await EndAsync(store, NewExecution("stock"), ExecutionStatus.KO, (ErrorCategory?)null);
        var silent = NewExecution("sales");
        await store.CreateAsync(silent);
        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = silent.Id, Status = ExecutionStatus.KO, Reason = ExecutionReason.Error, EndedAt = T0.AddMinutes(1) });

        var activities = await store.GetInterfaceActivityAsync([new InterfaceActivityQuery("sales", DayStart), new InterfaceActivityQuery("stock", DayStart)]);

        Assert.Equal(silent.Id, activities[0].LastKo!.Id);
        Assert.Null(activities[0].LastKoFirstError);
        Assert.Equal(uncategorized.Id, activities[1].LastKo!.Id);
        Assert.Equal(ErrorCategory.Technical, activities[1].LastKoFirstError);
    }

    [Fact]
    public async Task Activity_BreaksTiesOfStartTimeById_TheNewestIdIsTheLast()
    {
        var store = await CreateStoreAsync();
        var first = NewExecution(startedAt: T0);
        var second = NewExecution(startedAt: T0);
        var (older, newer) = first.Id < second.Id ? (first, second) : (second, first);
        var newerKo = await EndAsync(store, newer, ExecutionStatus.KO, ErrorCategory.External);
        await EndAsync(store, older, ExecutionStatus.KO, ErrorCategory.Mapping);

        var activity = Assert.Single(await store.GetInterfaceActivityAsync([new InterfaceActivityQuery("sales", T0)]));

        Assert.Equal(newerKo, activity.LastExecution);
        Assert.Equal(newerKo, activity.LastKo);
        Assert.Equal(ErrorCategory.External, activity.LastKoFirstError);
        Assert.Equal(2, activity.KoSince);
    }

    [Fact]
    public async Task Activity_OfAnInterfaceWithoutExecutions_IsEmpty_AndKeepsTheOrderOfTheQueries()
    {
        var store = await CreateStoreAsync();
        await EndAsync(store, NewExecution("sales"), ExecutionStatus.OK);
        await store.CreateAsync(NewExecution("pricing-api", uniqueKey: "pricing-api@2026-03-02", kind: ExecutionKind.Daily));

        var activities = await store.GetInterfaceActivityAsync(
            [new InterfaceActivityQuery("quiet", DayStart), new InterfaceActivityQuery("sales", DayStart), new InterfaceActivityQuery("pricing-api", DayStart)]);

        Assert.Equal(["quiet", "sales", "pricing-api"], activities.Select(a => a.InterfaceId));
        Assert.Equal(new InterfaceActivity { InterfaceId = "quiet" }, activities[0]);
        Assert.Equal(1, activities[1].OkSince);
        Assert.True(activities[1].HasScheduledExecutions);
        Assert.Equal(ExecutionKind.Daily, activities[2].Running!.Kind);
        Assert.False(activities[2].HasScheduledExecutions);
        Assert.Empty(await store.GetInterfaceActivityAsync([]));
    }

    [Fact]
    public async Task Activity_OfMoreInterfacesThanOneStatementHolds_ReadsThemAll()
    {
        var store = await CreateStoreAsync();
        await EndAsync(store, NewExecution("if-1100"), ExecutionStatus.KO, ErrorCategory.Configuration);
        await EndAsync(store, NewExecution("if-0007"), ExecutionStatus.OK);
        var queries = Enumerable.Range(0, 1200).Select(i => new InterfaceActivityQuery($"if-{i:0000}", DayStart)).ToArray();

        var activities = await store.GetInterfaceActivityAsync(queries);

        Assert.Equal(queries.Select(q => q.InterfaceId), activities.Select(a => a.InterfaceId));
        Assert.Equal(ErrorCategory.Configuration, activities[1100].LastKoFirstError);
        Assert.Equal(1, activities[7].OkSince);
        Assert.Equal(2, activities.Count(a => a.LastExecution is not null));
    }

    [Fact]
    public async Task Activity_RefusesAnInterfaceAskedForTwice_OrWithoutId()
    {
        var store = await CreateStoreAsync();

        var twice = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetInterfaceActivityAsync(
            [new InterfaceActivityQuery("sales", DayStart), new InterfaceActivityQuery("sales", T0)]));
        var empty = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetInterfaceActivityAsync([new InterfaceActivityQuery(string.Empty, DayStart)]));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetInterfaceActivityAsync(null!));

        Assert.Contains("'sales'", twice.Message, StringComparison.Ordinal);
        Assert.Contains("interface id", empty.Message, StringComparison.Ordinal);
    }

    /// <summary>Creates an execution, logs one error line per category given, and ends it with a status; returns it as stored.</summary>
    private static async Task<Execution> EndAsync(IExecutionStore store, Execution execution, ExecutionStatus status, params ErrorCategory?[] errors)
    {
        await store.CreateAsync(execution);
        foreach (var category in errors)
        {
            await store.AppendAsync(execution.Id, Line($"failed ({category})", ExecutionLogLevel.Error, category));
        }

        await store.CompleteAsync(new ExecutionCompletion
        {
            ExecutionId = execution.Id,
            Status = status,
            Reason = status == ExecutionStatus.KO ? ExecutionReason.Error : ExecutionReason.None,
            EndedAt = execution.StartedAt.AddMinutes(1),
        });
        return (await store.GetAsync(execution.Id))!;
    }
}
