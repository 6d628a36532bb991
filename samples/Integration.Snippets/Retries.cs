using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Retries
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:operations-retries
        services.AddExecutions(x => x
            .UseSqliteStore("Data Source=integrations.db")
            .AddScheduledInterface<FnacSalesSync>("fnac-sales", i => i
                .Provider("FNAC", "partners@fnac.example")
                .Cron("0 * * * *", "Europe/Zurich")
                // KO on an External error: re-run about 5, 10, then 20 minutes after each failure (±25 % jitter),
                // on the failed execution's window. After the third, the notifiers say "contact the provider".
                .RetryExternalFailures(maxAttempts: 3, firstDelay: TimeSpan.FromMinutes(5))));
        #endregion
    }
}
