using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integration.Storage.PostgreSql;

/// <summary>
/// Connects and migrates the schema before any hosted service starts, so a database from a newer package stops the
/// host at once. A database that merely cannot be reached now (the server is down or restarting, the database is not
/// created yet) is logged as a warning and the host starts: the store tries again on its next use.
/// </summary>
internal sealed class PostgreSqlStoreInitializer(PostgreSqlExecutionStore store, ILogger<PostgreSqlStoreInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            Log.UnavailableAtStart(logger, e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
