using Integration.Storage;
using Integration.Storage.Sqlite;

namespace Integration;

/// <summary>Registers the SQLite execution store.</summary>
public static class SqliteExecutionsBuilderExtensions
{
    /// <summary>
    /// Keeps executions and their logs in one SQLite file on this machine: durable across restarts, for one host (or
    /// several processes on one machine). The schema is created or migrated when the host starts; a database written
    /// by a newer version of this package, or a file that is not a database, stops the host with a message naming the
    /// store. A file that cannot be opened yet (its folder is missing or not mounted) is logged as a warning and the host
    /// starts: the store tries again on each use until it opens. Replaces any store registered before.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. <c>Data Source=integrations.db</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no file.</exception>
    public static IExecutionsBuilder UseSqliteStore(this IExecutionsBuilder builder, string connectionString)
        => StoreRegistration.UseStore<SqliteExecutionStore, SqliteStoreInitializer>(builder, connectionString, SqliteDatabase.Parse, (connection, time) => new SqliteExecutionStore(connection, time));
}
