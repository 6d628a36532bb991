using Integration.Storage.Conformance;

namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A statement whose COMMIT went through but whose acknowledgement was lost is retried without doing it twice.</summary>
public sealed class PostgreSqlIdempotencyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private PostgresSchema _schema = null!;
    private PostgreSqlExecutionStore _store = null!;

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            _schema = await PostgresSchema.CreateAsync();
            _store = new PostgreSqlExecutionStore(_schema.ConnectionString, TimeProvider.System);
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _store.DisposeAsync();
            await _schema.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task ALogBatchWhoseCommitAcknowledgementWasLost_IsNotWrittenTwice_AndGetsTheSequencesItCommittedWith()
    {
        var execution = Manual();
        await _store.CreateAsync(execution);
        for (var i = 0; i < 5; i++)
        {
            await _store.AppendAsync(execution.Id, new LogEntry { Message = $"before {i}" });
        }

        _store.Database.Faults.LoseNextLogCommitAcknowledgement();
        var appends = Enumerable.Range(0, 10)
            .Select(i => _store.AppendAsync(execution.Id, i == 4 ? new LogEntry { Message = "lost ack 4", Level = ExecutionLogLevel.Error, Category = ErrorCategory.External } : new LogEntry { Message = $"lost ack {i}" }).AsTask())
            .ToArray();
        var sequences = await Task.WhenAll(appends);
        var after = await _store.AppendAsync(execution.Id, new LogEntry { Message = "after" });

        var lines = await StoreTests.ReadAllAsync(_store, execution.Id);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), lines.Select(l => l.Sequence));
        Assert.Equal(lines.Count, lines.Select(l => l.Message).Distinct().Count());
        Assert.Equal(Enumerable.Range(6, 10).Select(i => (long)i), sequences);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"lost ack {i}"), sequences.Select(s => lines.Single(l => l.Sequence == s).Message));
        Assert.Equal(16, after);
        Assert.Equal(1, (await _store.GetAsync(execution.Id))!.Errors.External);
    }

    [PostgresFact]
    public async Task AManualRunWhoseInsertAcknowledgementWasLost_IsCreated_AndStoredOnce()
    {
        var execution = Manual();
        _store.Database.Faults.LoseNextInsertAcknowledgement();

        var creation = await _store.CreateAsync(execution);

        Assert.True(creation.Created);
        Assert.Equal(execution.Id, creation.Execution.Id);
        var stored = Assert.Single((await _store.QueryAsync(new ExecutionQuery())).Items);
        Assert.Equal(execution.Id, stored.Id);
        Assert.Equal(ExecutionStatus.Running, stored.Status);
    }

    [PostgresFact]
    public async Task AScheduledOccurrenceWhoseInsertAcknowledgementWasLost_IsCreated_AndStoredOnce()
    {
        var execution = Manual() with { Trigger = ExecutionTrigger.Schedule, UniqueKey = "sales@2026-03-02T09:00" };
        _store.Database.Faults.LoseNextInsertAcknowledgement();

        var creation = await _store.CreateAsync(execution);

        Assert.True(creation.Created);
        Assert.Equal(execution.Id, Assert.Single((await _store.QueryAsync(new ExecutionQuery())).Items).Id);
    }

    [PostgresFact]
    public async Task ADifferentExecutionWithAnExistingId_IsStillRefused()
    {
        var execution = Manual();
        await _store.CreateAsync(execution);

        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await _store.CreateAsync(execution with { InterfaceId = "export", ScheduleId = "export" }));

        Assert.Contains($"Execution {execution.Id} already exists", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ARunNowWhoseInsertAcknowledgementWasLost_Runs_AndEndsOk()
    {
        var runs = new Runs();
        await using var node = new Node(_schema.ConnectionString, "node-a", runs);
        ((PostgreSqlExecutionStore)node.Store).Database.Faults.LoseNextInsertAcknowledgement();

        var run = await node.Operations.RunNowAsync("sales");
        var ended = await run.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.OK, ended.Status);
        Assert.Single(runs.ByWindowEnd);
        Assert.Equal(run.Id, Assert.Single((await node.Store.QueryAsync(new ExecutionQuery())).Items).Id);
    }

    private static Execution Manual() => new()
    {
        Id = ExecutionId.New(T0),
        InterfaceId = "sales",
        ScheduleId = "sales",
        Trigger = ExecutionTrigger.Manual,
        Window = new ExecutionWindow(T0.AddHours(-2), T0),
        StartedAt = T0,
        NodeId = "node-1",
    };
}
