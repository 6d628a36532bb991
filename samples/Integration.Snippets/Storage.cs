using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Storage
{
    public static void Register(IServiceCollection services)
    {
        #region snippet:storage-registration
        services.AddExecutions(x => x
            .UseSqliteStore("Data Source=integrations.db")          // one machine, durable
            // .UsePostgreSqlStore("Host=db;Database=integrations;Username=app;Password=…")  // several nodes
            // .UseInMemoryStore()                                   // tests and demos
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i.Cron("0 */2 * * *", "Europe/Zurich")));
        #endregion
    }

    public static void Leases(IExecutionsBuilder x)
    {
        #region snippet:storage-leases
        x.ConfigureLeases(o => { o.HeartbeatInterval = TimeSpan.FromSeconds(10); o.LeaseTimeout = TimeSpan.FromSeconds(45); });
        #endregion
    }

    public static void Retention(IExecutionsBuilder x)
    {
        #region snippet:storage-retention
        x.ConfigureRetention(o => o.MaxAge = TimeSpan.FromDays(90));
        #endregion
    }
}
