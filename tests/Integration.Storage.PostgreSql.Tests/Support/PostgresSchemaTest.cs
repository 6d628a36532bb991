namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A test class whose tests each get a schema of their own (created before, dropped after), when PostgreSQL is reachable.</summary>
public abstract class PostgresSchemaTest : IAsyncLifetime
{
    /// <summary>Gets the test's schema; null only when PostgreSQL is unreachable (the tests are then skipped).</summary>
    protected PostgresSchema Schema { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (PostgresAvailability.SkipReason is null)
        {
            Schema = await PostgresSchema.CreateAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Schema is not null)
        {
            await Schema.DisposeAsync();
        }
    }
}
