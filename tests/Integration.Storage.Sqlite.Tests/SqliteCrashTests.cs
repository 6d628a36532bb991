using Integration.Storage.Conformance;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteCrashTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AHostKilledMidExecution_LeavesItAbandonedAfterTheLeaseExpires_WithEveryAcknowledgedLine()
    {
        var (executionId, acknowledged) = await CrashChild.RunAndKillAsync("sqlite", _database.ConnectionString, linesBeforeKill: 300);

        await using var store = new SqliteExecutionStore(_database.ConnectionString, TimeProvider.System);
        await CrashChild.AssertAbandonedWithEveryAcknowledgedLineAsync(store, executionId, acknowledged);
    }
}
