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
}
