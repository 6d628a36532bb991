namespace Integration.Sample;

/// <summary>Imports the sales of the window from a partner; here, three made-up sales.</summary>
public sealed class FnacSalesImport : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        run.Log.Info($"Fetching FNAC sales from {run.Window.From:u} to {run.Window.To:u}");
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        run.Log.Info("3 sales received, 3 upserted");
    }
}

/// <summary>Synchronises with the ERP; fails because a setting is missing.</summary>
public sealed class ErpSync : IExternalInterface
{
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        run.Log.Info("Connecting to the ERP");
        throw new ConfigurationException("Setting 'Erp:BaseUrl' is missing.");
    }
}
