using Microsoft.Extensions.Hosting;

namespace Integration.Storage;

/// <summary>
/// Opens and migrates a SQL store before any hosted service starts, so a database from a newer package stops the host
/// at once. A database that merely cannot be reached now (<see cref="StoreUnavailableException"/>) is reported to
/// <paramref name="unavailable"/> (a warning) and the host starts: the store tries again on its next use. Compiled
/// into each SQL store package.
/// </summary>
internal abstract class StoreInitializer(Func<CancellationToken, Task> initialize, Action<Exception> unavailable) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await initialize(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            unavailable(e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
