using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration.Snippets;

public static class HealthChecks
{
    public static WebApplication Build(string[] args)
    {
        #region snippet:operations-health-checks
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesSync>("fnac-sales", i => i.Cron("*/15 * * * *", "Europe/Zurich")));

        // The store's reachability, and one check per interface: integration:fnac-sales, tagged interface:fnac-sales.
        builder.Services.AddHealthChecks().AddExecutionChecks(o =>
        {
            o.RefreshInterval = TimeSpan.FromSeconds(30);   // the interface checks read this snapshot, never the store
            o.StoreTimeout = TimeSpan.FromSeconds(3);       // the store check is Unhealthy past it
            o.OverdueGrace = TimeSpan.FromMinutes(10);      // an occurrence with no execution started 10 min after it
            o.PausedStatus = HealthStatus.Healthy;          // a pause is deliberate here: do not flag it
        });

        var app = builder.Build();
        // Liveness of the process must not depend on a provider: the integration checks get their own endpoint.
        app.MapHealthChecks("/health/integrations", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ExecutionHealthChecksBuilderExtensions.Tag) });
        #endregion
        return app;
    }
}
