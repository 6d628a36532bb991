using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Integration.Snippets;

public static class Telemetry
{
    public static IHost Build(string[] args)
    {
        #region snippet:operations-opentelemetry
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddExecutions(x => x
            .UseSqliteStore("Data Source=integrations.db")
            .AddScheduledInterface<FnacSalesSync>("fnac-sales", i => i.Cron("*/15 * * * *", "Europe/Zurich")));

        // OpenTelemetry.Extensions.Hosting: one source and one meter, both named "Integration".
        // Add the exporter you use (OTLP, Prometheus, …) after each.
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource("Integration"))
            .WithMetrics(m => m.AddMeter("Integration"));
        #endregion
        return builder.Build();
    }
}
