using Microsoft.Extensions.Configuration;

namespace Integration.Sample.Connectors;

/// <summary>Synchronises orders with the ERP; its API key setting is missing, a Configuration error.</summary>
public sealed class ErpSync(IConfiguration configuration) : IExternalInterface
{
    /// <inheritdoc />
    public Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        run.Log.Info("Connecting to the ERP");
        var apiKey = configuration["Erp:ApiKey"]
            ?? throw new ConfigurationException("Setting 'Erp:ApiKey' is missing: the ERP cannot be called.");
        run.Log.Info($"Using key {apiKey[..4]}…");
        return Task.CompletedTask;
    }
}
