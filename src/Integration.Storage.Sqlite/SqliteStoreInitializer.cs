using Microsoft.Extensions.Logging;

namespace Integration.Storage.Sqlite;

/// <summary>
/// Opens and migrates the database before any hosted service starts, so a database from a newer package (or one that
/// is not a database) stops the host at once. A database that merely cannot be opened now (its folder is not mounted
/// yet, another process holds it) is logged as a warning and the host starts: the store tries again on its next use.
/// </summary>
internal sealed class SqliteStoreInitializer(SqliteExecutionStore store, ILogger<SqliteStoreInitializer> logger)
    : StoreInitializer(store.InitializeAsync, e => Log.UnavailableAtStart(logger, e));
