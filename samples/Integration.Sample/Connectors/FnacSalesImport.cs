using System.Net.Http.Json;
using Integration.Sample.Partner;

namespace Integration.Sample.Connectors;

/// <summary>
/// Imports FNAC's sales of the window. The partner answers 503 on the first call: the execution is KO with an
/// External error, and its re-run (same window) succeeds. Sales are upserted by id, so a re-run is harmless.
/// </summary>
public sealed class FnacSalesImport(HttpClient http, SalesLedger ledger) : IExternalInterface
{
    /// <inheritdoc />
    public async Task RunAsync(IExecutionContext run, CancellationToken cancellationToken)
    {
        run.Log.Info($"Fetching FNAC sales from {run.Window.From:u} to {run.Window.To:u}");
        // The HTTP exchange itself (request, status, body, duration) is recorded by AddExecutionLogging().
        using var response = await http.GetAsync($"fnac/sales?from={run.Window.From:O}&to={run.Window.To:O}", cancellationToken);
        response.EnsureSuccessStatusCode();
        var sales = await response.Content.ReadFromJsonAsync<Sale[]>(cancellationToken) ?? [];
        foreach (var sale in sales)
        {
            ledger.Upsert(sale);
        }

        run.Log.Info($"{sales.Length} sales received, {sales.Length} upserted");
    }
}

/// <summary>The host's own sales, keyed by id: upserting makes the import idempotent.</summary>
public sealed class SalesLedger
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Sale> _sales = new();

    /// <summary>Gets how many distinct sales were imported.</summary>
    public int Count => _sales.Count;

    /// <summary>Inserts or replaces a sale.</summary>
    public void Upsert(Sale sale) => _sales[sale.Id] = sale;
}
