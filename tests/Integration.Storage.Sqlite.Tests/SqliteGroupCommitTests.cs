namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteExecutionStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AppendsQueuedWhileTheWriterIsBusy_ShareOneTransaction()
    {
        var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
        await _store.CreateAsync(execution);
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => _store.Database.WriteAsync(_ =>
        {
            holding.Set();
            release.Wait();
            return 0;
        }, CancellationToken.None));
        holding.Wait();
        var before = _store.LogWriter.Transactions;

        var appends = Enumerable.Range(0, 100).Select(i => _store.AppendAsync(execution.Id, new LogEntry { Message = $"line {i}" }).AsTask()).ToArray();
        release.Set();
        await busy;
        var sequences = await Task.WhenAll(appends);

        // The writer may have taken the first line alone before it had to wait; every other line shares one transaction.
        Assert.InRange(_store.LogWriter.Transactions - before, 1, 2);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task OneBatch_OfPlainAndFullLines_OfTwoExecutions_KeepsEveryField_AndIndexesEveryLinesWords()
    {
        var t0 = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var first = new Execution { Id = ExecutionId.New(t0), InterfaceId = "sales", ScheduleId = "sales" };
        var second = new Execution { Id = ExecutionId.New(t0.AddSeconds(1)), InterfaceId = "tickets", ScheduleId = "tickets" };
        await _store.CreateAsync(first);
        await _store.CreateAsync(second);
        var plain = new LogEntry { Time = t0.AddSeconds(2), Message = "Order 7 shipped", CorrelationId = "call-7" };
        var full = new LogEntry
        {
            Time = t0.AddSeconds(3),
            Level = ExecutionLogLevel.Error,
            Category = ErrorCategory.External,
            Message = "Ticket T-981 refused",
            CorrelationId = "call-8",
            CausedBy = 1,
            Exception = new ExceptionSummary("System.TimeoutException", "slow", "   at X.Y()"),
            Exchange = new ExchangeDetails
            {
                Direction = InterfaceDirection.Outbound,
                Method = "POST",
                Target = "https://partner.example/tickets",
                StatusCode = 503,
                Duration = TimeSpan.FromMilliseconds(250),
                RequestHeaders = "Accept: application/json",
                ResponseBody = "{\"error\":\"busy\"}",
            },
        };
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => _store.Database.WriteAsync(_ =>
        {
            holding.Set();
            release.Wait();
            return 0;
        }, CancellationToken.None));
        holding.Wait();
        var before = _store.LogWriter.Transactions;

        // Plain and full lines interleaved across the two executions, all queued while the writer waits.
        var appends = new[]
        {
            _store.AppendAsync(first.Id, plain).AsTask(),
            _store.AppendAsync(second.Id, full).AsTask(),
            _store.AppendAsync(first.Id, full).AsTask(),
            _store.AppendAsync(second.Id, plain).AsTask(),
            _store.AppendAsync(first.Id, plain with { Message = "Order 8 shipped" }).AsTask(),
        };
        release.Set();
        await busy;
        var sequences = await Task.WhenAll(appends);

        Assert.InRange(_store.LogWriter.Transactions - before, 1, 2);
        Assert.Equal([1L, 1, 2, 2, 3], sequences);
        Assert.Equal(
            [plain with { Sequence = 1 }, full with { Sequence = 2 }, plain with { Sequence = 3, Message = "Order 8 shipped" }],
            await _store.ReadLogAsync(first.Id, new LogQuery()));
        Assert.Equal([full with { Sequence = 1 }, plain with { Sequence = 2 }], await _store.ReadLogAsync(second.Id, new LogQuery()));
        var shipped = await _store.SearchLinesAsync(new LineSearch { Text = "shipped" });
        var refused = await _store.SearchLinesAsync(new LineSearch { Text = "t-981 refused" });
        Assert.Equal(
            new[] { $"{first.Id}/1", $"{first.Id}/3", $"{second.Id}/2" }.Order(StringComparer.Ordinal),
            shipped.Items.Select(m => $"{m.ExecutionId}/{m.Line.Sequence}").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { $"{first.Id}/2", $"{second.Id}/1" }.Order(StringComparer.Ordinal), refused.Items.Select(m => $"{m.ExecutionId}/{m.Line.Sequence}").Order(StringComparer.Ordinal));
        Assert.Equal(1, (await _store.GetAsync(first.Id))!.Errors.External);
        Assert.Equal(1, (await _store.GetAsync(second.Id))!.Errors.External);
    }
}
