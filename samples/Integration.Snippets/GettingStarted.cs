using Integration.Snippets.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integration.Snippets;

public static class GettingStarted
{
    public static async Task RunAsync(string[] args)
    {
        #region snippet:getting-started-host
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton<FnacClient>();
        builder.Services.AddSingleton<SalesRepository>();
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
                .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
                .Cron("0 */2 * * *", "Europe/Zurich")));

        using var host = builder.Build();
        await host.RunAsync(); // the scheduler fires fnac-sales every two hours
        #endregion
    }

    public static async Task ReadAsync(IServiceProvider services)
    {
        #region snippet:getting-started-read
        var operations = services.GetRequiredService<IExecutionOperations>();
        var page = await operations.QueryAsync(new ExecutionQuery { InterfaceId = "fnac-sales", Status = ExecutionStatus.KO, Limit = 20 });
        foreach (var execution in page.Items)
        {
            var errors = await operations.ReadLogAsync(execution.Id, LogQuery.Errors);
            var first = errors.First(e => e.Category != ErrorCategory.Cascade);   // the first real error
            Console.WriteLine($"{execution.StartedAt:u} {execution.Status} {first.Category?.Indicator()} {first.Message}");
            Console.WriteLine($"  action: {first.Category?.Action()}");
        }
        #endregion
    }
}
