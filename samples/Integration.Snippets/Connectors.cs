using Integration.Snippets.Model;
using Integration.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integration.Snippets;

#region snippet:connector-idempotent
public sealed class FnacSalesSync(FnacClient fnac, SalesRepository sales) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken ct)
    {
        // Right: the window, not "now" — a re-run of this execution asks for the same sales.
        var received = await fnac.GetSalesAsync(run.Window.From, run.Window.To, ct);
        run.Log.Info($"{received.Count} sales from {run.Window.From:u} to {run.Window.To:u}");

        foreach (var sale in received)
        {
            if (sale.StoreCode is null)
            {
                // An error line: the execution ends KO, support reads "[MAPPING] … check the mappings".
                run.Log.Error(ErrorCategory.Mapping, $"Sale {sale.Id} has no store code");
                continue;
            }

            // Right: upsert by the partner's id — running twice leaves one row.
            await sales.UpsertAsync(sale, ct);
        }
    }
}
#endregion

public sealed class NotIdempotent(FnacClient fnac, SalesRepository sales, TimeProvider time) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken ct)
    {
        #region snippet:connector-not-idempotent
        // Wrong: "the last two hours" moves with the clock — a re-run tomorrow imports tomorrow's sales.
        var now = time.GetUtcNow();
        var received = await fnac.GetSalesAsync(now.AddHours(-2), now, ct);

        // Wrong: insert — a re-run imports every sale a second time.
        foreach (var sale in received)
        {
            await sales.InsertAsync(sale, ct);
        }
        #endregion
    }
}

public static class ConnectorErrors
{
    public static void Throw(IExecutionContext run, string? apiKey, int status)
    {
        #region snippet:connector-errors
        // State the category yourself with the typed exceptions…
        if (apiKey is null)
        {
            throw new ConfigurationException("Setting 'Fnac:ApiKey' is missing.");
        }

        // …or let the classifier chain do it: HttpRequestException 503 → External, 401/404 → Configuration, 400 → Mapping.
        if (status >= 500)
        {
            throw new HttpRequestException("FNAC answered 503", null, System.Net.HttpStatusCode.ServiceUnavailable);
        }

        // A line that follows from an earlier error is a Cascade: support skips it and reads the first error.
        run.Log.Cascade("The export was not sent: no sales were mapped");
        #endregion
    }
}

#region snippet:connector-classifier
public sealed class FnacErrorClassifier : IErrorClassifier
{
    public ErrorCategory? Classify(Exception exception, ErrorClassificationContext context)
        => exception is InvalidOperationException { Message: var m } && m.Contains("store code", StringComparison.Ordinal)
            ? ErrorCategory.Mapping
            : null; // no opinion: the next classifier, then the built-in rules, decide
}
#endregion

public sealed class FnacSalesSyncTests
{
    #region snippet:connector-test
    [Fact]
    public async Task SaleWithoutStoreCode_IsAMappingError()
    {
        var fnac = new FakeFnac(new Sale("S-1", "ZRH-01", 10m), new Sale("S-2", null, 5m));
        var window = new ExecutionWindow(DateTimeOffset.Parse("2026-03-02T08:00Z"), DateTimeOffset.Parse("2026-03-02T10:00Z"));

        var result = await ConnectorTest.RunAsync<FnacSalesSync>(window, services => services
            .AddSingleton<FnacClient>(fnac)
            .AddSingleton<SalesRepository>());

        result.ShouldBeKo(ErrorCategory.Mapping)
              .ShouldHaveError(ErrorCategory.Mapping, "S-2")
              .ShouldHaveLine("2 sales");
        Assert.Equal(window, fnac.AskedFor);
    }
    #endregion

    private sealed class FakeFnac(params Sale[] sales) : FnacClient
    {
        public ExecutionWindow? AskedFor { get; private set; }

        public override Task<IReadOnlyList<Sale>> GetSalesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            AskedFor = new ExecutionWindow(from, to);
            return Task.FromResult<IReadOnlyList<Sale>>(sales);
        }
    }
}
