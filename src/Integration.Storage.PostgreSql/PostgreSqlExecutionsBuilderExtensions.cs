using Integration.Storage;
using Integration.Storage.PostgreSql;

namespace Integration;

/// <summary>Registers the PostgreSQL execution store.</summary>
public static class PostgreSqlExecutionsBuilderExtensions
{
    /// <summary>
    /// Keeps executions and their logs in a PostgreSQL database that several hosts (nodes) share: each occurrence and
    /// each daily execution is created once across them, leases are decided by the database's clock, and a node that
    /// lost a lease can no longer write to that execution. The schema is created or migrated when the host starts (in
    /// the connection's search path), under an advisory lock; a database written by a newer version of this package,
    /// or a refused login, stops the host with a message naming the store. A database that cannot be reached yet (the
    /// server is down, the database is not created yet) is logged as a warning and the host starts: the store tries
    /// again on each use until it connects. Replaces any store registered before.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=db;Database=integrations;Username=app;Password=…</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static IExecutionsBuilder UsePostgreSqlStore(this IExecutionsBuilder builder, string connectionString)
        => StoreRegistration.UseStore<PostgreSqlExecutionStore, PostgreSqlStoreInitializer>(builder, connectionString, PostgreSqlDatabase.Parse, (connection, time) => new PostgreSqlExecutionStore(connection, time));
}
