using Integration.Snippets.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class QuickStart
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:quick-start-registration
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
                .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
                .Cron("0 */2 * * *", "Europe/Zurich")                   // every two hours, Zurich time
                .MaxDuration(TimeSpan.FromMinutes(30)))                  // duration guard (default: 1 hour)
            .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));
        #endregion
    }
}

#region snippet:quick-start-connector
public sealed class FnacSalesImport(FnacClient fnac, SalesRepository sales) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken ct)
    {
        run.Log.Info($"Fetching sales {run.Window}");                 // work on the window, never on "now"
        foreach (var sale in await fnac.GetSalesAsync(run.Window.From, run.Window.To, ct))
            await sales.UpsertAsync(sale, ct);                        // upsert: a re-run repeats the same effects
        // A thrown exception is classified (503 → External, 401 → Configuration…): the execution ends KO.
    }
}
#endregion
