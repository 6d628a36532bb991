namespace Integration.Storage.PostgreSql.Tests;

/// <summary>Counts each run by its window's end, then does what <see cref="Runs.Then"/> says.</summary>
public sealed class CountingConnector(Runs runs) : IExternalInterface
{
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        runs.ByWindowEnd.AddOrUpdate(run.Window.To, 1, (_, n) => n + 1);
        return runs.Then?.Invoke(run, cancellationToken) ?? Task.CompletedTask;
    }
}
