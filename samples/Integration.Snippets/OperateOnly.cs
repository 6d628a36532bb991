using Integration.Snippets.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class OperateOnly
{
    public static async Task ConsoleHostAsync(IServiceCollection services, string connectionString, Func<IServiceProvider> build)
    {
        #region snippet:operations-operate-only
        // The admin or console host: the same interfaces and database as the worker hosts, but it runs nothing itself.
        services.AddExecutions(x => x
            .UsePostgreSqlStore(connectionString)
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i.Cron("0 */2 * * *", "Europe/Zurich"))
            .OperateOnly()
            .ConfigureRunRequests(o => o.StartTimeout = TimeSpan.FromSeconds(30)));

        var operations = build().GetRequiredService<IExecutionOperations>();

        // Stored as a run request; a worker host claims it within one poll interval (1 s) and runs it, exactly once.
        var run = await operations.RunNowAsync("fnac-sales", actor: "alice@example.com"); // returns once it started
        Execution ended = await run.Completion;                                            // watched in the database
        Console.WriteLine($"{ended.Status} on {ended.NodeId}");
        #endregion
    }
}
