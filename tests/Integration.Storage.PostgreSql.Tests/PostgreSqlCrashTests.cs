using Integration.Storage.Conformance;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlCrashTests
{
    [PostgresFact]
    public async Task AHostKilledMidExecution_LeavesItAbandonedAfterTheLeaseExpires_WithEveryAcknowledgedLine()
    {
        await using var schema = await PostgresSchema.CreateAsync();
        var (executionId, acknowledged) = await CrashChild.RunAndKillAsync("postgres", schema.ConnectionString, linesBeforeKill: 300);

        await using var store = new PostgreSqlExecutionStore(schema.ConnectionString, TimeProvider.System);
        await CrashChild.AssertAbandonedWithEveryAcknowledgedLineAsync(store, executionId, acknowledged);
    }
}
