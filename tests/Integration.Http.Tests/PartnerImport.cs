namespace Integration.Http.Tests;

/// <summary>A scheduled connector that reads two pages of sales through the typed client.</summary>
public sealed class PartnerImport(PartnerClient client) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        run.Log.Info("Fetching sales");
        using var first = await client.Http.GetAsync(new Uri("sales?page=1", UriKind.Relative), cancellationToken);
        using var second = await client.Http.GetAsync(new Uri("sales?page=2", UriKind.Relative), cancellationToken);
        run.Log.Info("Done");
    }
}
