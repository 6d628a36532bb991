using Microsoft.Extensions.Logging;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// Connects and migrates the schema before any hosted service starts, so a database from a newer package stops the
/// host at once. A database that merely cannot be reached now (the server is down or restarting, the database is not
/// created yet) is logged as a warning and the host starts: the store tries again on its next use.
/// </summary>
internal sealed class PostgreSqlStoreInitializer(PostgreSqlExecutionStore store, ILogger<PostgreSqlStoreInitializer> logger)
    : StoreInitializer(store.InitializeAsync, e => Log.UnavailableAtStart(logger, e));
