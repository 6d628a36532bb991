using Integration.Storage.Conformance;

namespace Integration.Storage.Sqlite.Tests;

public sealed class SqliteDayBoundaryTests : DayBoundaryScenarios, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override void UseStore(IExecutionsBuilder builder) => builder.UseSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
