namespace Integration.Storage.PostgreSql.Tests;

/// <summary>A fact that needs PostgreSQL: skipped, saying why, when it is unreachable outside CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
