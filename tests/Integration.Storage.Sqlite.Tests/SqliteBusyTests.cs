using Microsoft.Data.Sqlite;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteBusyTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private SqliteExecutionStore _store = null!;

    // A one-second busy timeout: a write waits that long for another connection's lock, then the store retries it.
    private string ConnectionString => _database.ConnectionString + ";Default Timeout=1";

    public Task InitializeAsync()
    {
        _store = new SqliteExecutionStore(ConnectionString, TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public async Task ABatchAppendedWhileAnotherConnectionHoldsTheWriteLock_CommitsOnceItIsReleased()
    {
        var execution = new Execution { Id = ExecutionId.New(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), InterfaceId = "sales", ScheduleId = "sales" };
        await _store.CreateAsync(execution);
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Database.BusyRetried = () => retried.TrySetResult();
        using var other = new SqliteConnection(ConnectionString);
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var appends = Enumerable.Range(0, 10).Select(i => _store.AppendAsync(execution.Id, new LogEntry { Message = $"line {i}", Level = i == 9 ? ExecutionLogLevel.Error : ExecutionLogLevel.Information }).AsTask()).ToArray();

        // The writer met the lock (SQLITE_BUSY) and will try again: release it.
        await retried.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(appends, a => Assert.False(a.IsCompleted));
        using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        var sequences = await Task.WhenAll(appends).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sequences);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"line {i}"), (await _store.ReadLogAsync(execution.Id, new LogQuery())).Select(l => l.Message));
        Assert.Equal(1, (await _store.GetAsync(execution.Id))!.Errors.Technical);
    }

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(6, 6, true)]
    [InlineData(5, 261, true)]
    [InlineData(6, 262, true)]
    [InlineData(5, 517, true)]
    [InlineData(19, 2067, false)]
    [InlineData(1, 1, false)]
    [InlineData(11, 11, false)]
    public void IsBusy_TellsBusyAndLockedFromOtherErrors(int code, int extendedCode, bool busy)
        => Assert.Equal(busy, SqliteDatabase.IsBusy(new SqliteException("x", code, extendedCode)));
}
