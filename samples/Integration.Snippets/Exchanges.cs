using Integration.Snippets.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Snippets.Exchanges;

public static class Registration
{
    public static void Http(IServiceCollection services)
    {
        #region snippet:exchanges-http
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i.Cron("0 */2 * * *", "Europe/Zurich")));

        services.AddHttpClient<FnacClient>(http => http.BaseAddress = new Uri("https://api.fnac.example/"))
            .AddExecutionLogging(o => o.ExpectedStatusCodes.Add(404));   // options are optional
        #endregion
    }

    public static void Bridge(IServiceCollection services)
    {
        #region snippet:exchanges-bridge-registration
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i.Cron("0 */2 * * *", "Europe/Zurich"))
            .AddExecutionLogBridge(LogLevel.Information));
        #endregion
    }

    public static void Inbound(WebApplicationBuilder builder)
    {
        #region snippet:exchanges-inbound
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));

        var app = builder.Build();
        var sales = app.MapGroup("/api/sales").WithDailyExecution("public-api");
        sales.MapGet("/{id:int}", (int id) => Results.Ok(new Sale($"S-{id}", "ZRH-01", 59.90m)));
        sales.MapPost("/", (Sale sale) => Results.Accepted($"/api/sales/{sale.Id}"));
        #endregion
    }

    public static void Limits(IServiceCollection services)
    {
        #region snippet:exchanges-limits
        services.AddExecutions(x => x
            .UseInMemoryStore()
            .ConfigureExchanges(o =>
            {
                o.AllowedHeaders.Add("X-Partner-Version");
                o.RedactedFields.Add("iban");
                o.RedactedQueryKeys.Add("session");
                o.RedactedPatterns.Add(@"ACME-(?<secret>[0-9]{6})");   // only the group named "secret" is masked
                o.MaxPayloadLength = 64 * 1024;
            }));
        #endregion
    }
}

#region snippet:exchanges-bridge-connector
public sealed class FnacSalesImport(ILogger<FnacSalesImport> logger, FnacClient fnac) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken ct)
    {
        run.Log.Info($"Fetching sales {run.Window}");
        var sales = await fnac.GetSalesAsync(run.Window.From, run.Window.To, ct);
        logger.LogInformation("{Count} sales to import", sales.Count);   // also in the execution: "FnacSalesImport: 3 sales to import"
    }
}
#endregion
