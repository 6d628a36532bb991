using Integration.Storage.Conformance;

namespace Integration.Storage.PostgreSql.Tests;

public sealed class PostgreSqlDayBoundaryTests : DayBoundaryScenarios, IAsyncLifetime
{
    private PostgresSchema? _schema;

    protected override void UseStore(IExecutionsBuilder builder)
        => builder.UsePostgreSqlStore(_schema?.ConnectionString ?? throw new InvalidOperationException("PostgreSQL is not reachable."));

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            _schema = await PostgresSchema.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
