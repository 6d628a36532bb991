namespace Integration.Storage.Conformance;

/// <summary>
/// Every promise of <see cref="IExecutionStore"/>. A store's test project derives from this class and supplies a
/// fresh, empty store; the tests run unchanged on every store.
/// </summary>
public abstract partial class ExecutionStoreConformanceTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a fresh, empty store.</summary>
    protected abstract Task<IExecutionStore> CreateStoreAsync();

    protected static Execution NewExecution(string interfaceId = "sales", string? uniqueKey = null, DateTimeOffset? startedAt = null, ExecutionKind kind = ExecutionKind.Scheduled)
    {
        var started = startedAt ?? T0;
        return new Execution
        {
            Id = ExecutionId.New(started),
            InterfaceId = interfaceId,
            ScheduleId = kind == ExecutionKind.Daily ? interfaceId + "_daily" : interfaceId,
            Kind = kind,
            Trigger = uniqueKey is null ? ExecutionTrigger.Manual : ExecutionTrigger.Schedule,
            Window = new ExecutionWindow(started.AddHours(-2), started),
            UniqueKey = uniqueKey,
            StartedAt = started,
            NodeId = "node-1",
        };
    }

    protected static LogEntry Line(string message, ExecutionLogLevel level = ExecutionLogLevel.Information, ErrorCategory? category = null)
        => new() { Time = T0, Level = level, Message = message, Category = category };

    [Fact]
    public async Task Create_ThenGet_ReturnsTheSameExecution()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();

        var creation = await store.CreateAsync(execution);
        var read = await store.GetAsync(execution.Id);

        Assert.True(creation.Created);
        Assert.Equal(execution, read);
    }

    [Fact]
    public async Task Get_OfAnUnknownId_ReturnsNull()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync(ExecutionId.New(T0)));
    }

    [Fact]
    public async Task Create_WithATakenUniqueKey_ReturnsTheFirstExecution()
    {
        var store = await CreateStoreAsync();
        var first = NewExecution(uniqueKey: "sales@09:00");
        await store.CreateAsync(first);

        var second = await store.CreateAsync(NewExecution(uniqueKey: "sales@09:00"));

        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Execution.Id);
        Assert.Equal(first.Id, (await store.FindByUniqueKeyAsync("sales@09:00"))!.Id);
        Assert.Null(await store.FindByUniqueKeyAsync("sales@11:00"));
    }

    [Fact]
    public async Task Create_OfOneUniqueKey_By64ConcurrentCallers_YieldsOneExecution()
    {
        var store = await CreateStoreAsync();
        using var barrier = new Barrier(64);

        var creations = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => OnOwnThread(async () =>
        {
            var candidate = NewExecution(uniqueKey: "sales@2026-03-02T09:00");
            barrier.SignalAndWait();
            return await store.CreateAsync(candidate);
        })));

        Assert.Single(creations, c => c.Created);
        Assert.Single(creations.Select(c => c.Execution.Id).Distinct());
        Assert.Single((await store.QueryAsync(new ExecutionQuery())).Items);
    }

    [Fact]
    public async Task Append_GivesStrictlyIncreasingSequences_AndReadKeepsTheOrder()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        var sequences = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            sequences.Add(await store.AppendAsync(execution.Id, Line($"line {i}")));
        }

        var lines = await store.ReadLogAsync(execution.Id, new LogQuery());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), sequences);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}"), lines.Select(l => l.Message));
        Assert.Equal(sequences, lines.Select(l => l.Sequence));
    }

    [Fact]
    public async Task Append_KeepsEveryField()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        var entry = new LogEntry
        {
            Time = T0.AddSeconds(3),
            Level = ExecutionLogLevel.Error,
            Category = ErrorCategory.Cascade,
            Message = "Export failed\r\nsecond line",
            CorrelationId = "call-42",
            CausedBy = 1,
            Exception = new ExceptionSummary("System.TimeoutException", "slow", "   at X.Y()"),
            Exchange = new ExchangeDetails
            {
                Direction = InterfaceDirection.Outbound,
                Method = "GET",
                Target = "https://partner.example/sales?page=2",
                StatusCode = 503,
                Duration = TimeSpan.FromMilliseconds(250),
                RequestHeaders = "Accept: application/json",
                RequestBody = null,
                ResponseHeaders = "Retry-After: 30",
                ResponseBody = "{\"error\":\"busy\"}",
            },
        };

        var sequence = await store.AppendAsync(execution.Id, entry);
        var read = Assert.Single(await store.ReadLogAsync(execution.Id, new LogQuery()));

        Assert.Equal(entry with { Sequence = sequence }, read);
    }

    [Fact]
    public async Task Append_ToAnUnknownExecution_Throws()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.AppendAsync(ExecutionId.New(T0), Line("x")));
    }

    [Fact]
    public async Task ReadLog_PagesByCursor_AndFiltersByLevel()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        for (var i = 1; i <= 10; i++)
        {
            await store.AppendAsync(execution.Id, i % 3 == 0 ? Line($"error {i}", ExecutionLogLevel.Error, ErrorCategory.External) : Line($"info {i}"));
        }

        var page1 = await store.ReadLogAsync(execution.Id, new LogQuery { Limit = 4 });
        var page2 = await store.ReadLogAsync(execution.Id, new LogQuery { Limit = 4, AfterSequence = page1[^1].Sequence });
        var errors = await store.ReadLogAsync(execution.Id, LogQuery.Errors);

        Assert.Equal([1L, 2, 3, 4], page1.Select(l => l.Sequence));
        Assert.Equal([5L, 6, 7, 8], page2.Select(l => l.Sequence));
        Assert.Equal(["error 3", "error 6", "error 9"], errors.Select(l => l.Message));
        await Assert.ThrowsAsync<ExecutionNotFoundException>(async () => await store.ReadLogAsync(ExecutionId.New(T0), new LogQuery()));
    }

    [Fact]
    public async Task Complete_EndsARunningExecutionOnce()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        var completion = new ExecutionCompletion
        {
            ExecutionId = execution.Id,
            Status = ExecutionStatus.KO,
            Reason = ExecutionReason.Error,
            EndedAt = T0.AddMinutes(3),
            Errors = new ErrorCounts(1, 0, 2, 0, 1),
        };

        var ended = await store.CompleteAsync(completion);
        var again = await store.CompleteAsync(completion with { Status = ExecutionStatus.OK, Reason = ExecutionReason.None });

        Assert.NotNull(ended);
        Assert.Equal(ExecutionStatus.KO, ended.Status);
        Assert.Equal(ExecutionReason.Error, ended.Reason);
        Assert.Equal(T0.AddMinutes(3), ended.EndedAt);
        Assert.Equal(new ErrorCounts(1, 0, 2, 0, 1), ended.Errors);
        Assert.Null(again);
        Assert.Equal(ended, await store.GetAsync(execution.Id));
    }

    [Fact]
    public async Task MarkDurationExceeded_SetsTheFlagOnce_AndCompletionKeepsIt()
    {
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);

        Assert.True(await store.MarkDurationExceededAsync(execution.Id));
        Assert.False(await store.MarkDurationExceededAsync(execution.Id));
        var ended = await store.CompleteAsync(new ExecutionCompletion { ExecutionId = execution.Id, Status = ExecutionStatus.OK, EndedAt = T0.AddHours(2) });

        Assert.True(ended!.DurationExceeded);
    }

    [Fact]
    public async Task Query_FiltersAndPagesNewestFirst()
    {
        var store = await CreateStoreAsync();
        var all = new List<Execution>();
        for (var i = 0; i < 6; i++)
        {
            var execution = NewExecution(i % 2 == 0 ? "sales" : "export", startedAt: T0.AddMinutes(i));
            all.Add(execution);
            await store.CreateAsync(execution);
        }

        await store.CompleteAsync(new ExecutionCompletion { ExecutionId = all[4].Id, Status = ExecutionStatus.KO, Reason = ExecutionReason.Error, EndedAt = T0.AddHours(1) });

        var sales = await store.QueryAsync(new ExecutionQuery { InterfaceId = "sales" });
        var ko = await store.QueryAsync(new ExecutionQuery { Status = ExecutionStatus.KO });
        var window = await store.QueryAsync(new ExecutionQuery { StartedFrom = T0.AddMinutes(1), StartedBefore = T0.AddMinutes(3) });
        var page1 = await store.QueryAsync(new ExecutionQuery { Limit = 4 });
        var page2 = await store.QueryAsync(new ExecutionQuery { Limit = 4, Before = page1.Next });

        Assert.Equal([all[4].Id, all[2].Id, all[0].Id], sales.Items.Select(e => e.Id));
        Assert.Equal([all[4].Id], ko.Items.Select(e => e.Id));
        Assert.Equal([all[2].Id, all[1].Id], window.Items.Select(e => e.Id));
        Assert.Equal(all.AsEnumerable().Reverse().Select(e => e.Id), page1.Items.Concat(page2.Items).Select(e => e.Id));
        Assert.NotNull(page1.Next);
        Assert.Null(page2.Next);
    }

    [Fact]
    public async Task Append_From64Threads_LosesNothing_AndKeepsEachThreadsOrder()
    {
        const int threads = 64;
        var perThread = AppendsPerThread;
        var store = await CreateStoreAsync();
        var execution = NewExecution();
        await store.CreateAsync(execution);
        using var barrier = new Barrier(threads);

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => OnOwnThread(async () =>
        {
            barrier.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                await store.AppendAsync(execution.Id, new LogEntry { Time = T0, Level = ExecutionLogLevel.Information, Message = $"{t}:{i}" });
            }

            return 0;
        })));

        var lines = new List<LogEntry>();
        long after = 0;
        while (true)
        {
            var page = await store.ReadLogAsync(execution.Id, new LogQuery { AfterSequence = after, Limit = LogQuery.MaxLimit });
            if (page.Count == 0)
            {
                break;
            }

            lines.AddRange(page);
            after = page[^1].Sequence;
        }

        Assert.Equal(threads * perThread, lines.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            Assert.True(lines[i].Sequence > lines[i - 1].Sequence, $"sequence {lines[i].Sequence} follows {lines[i - 1].Sequence}");
        }

        var next = new int[threads];
        foreach (var line in lines)
        {
            var parts = line.Message.Split(':');
            var thread = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(next[thread]++, int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Runs work on a dedicated thread, so that 64 callers blocked on one barrier do not starve the thread pool.
    /// </summary>
    protected static Task<T> OnOwnThread<T>(Func<Task<T>> work)
        => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Gets how many lines each of the 64 threads appends in the concurrency test; durable stores may lower it.</summary>
    protected virtual int AppendsPerThread => 10_000;
}
