using Microsoft.Extensions.Hosting;

namespace Integration.Storage.PostgreSql;

/// <summary>Connects and migrates the schema before any hosted service starts, so a bad database stops the host at once.</summary>
internal sealed class PostgreSqlStoreInitializer(PostgreSqlExecutionStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
