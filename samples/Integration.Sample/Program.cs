using Integration;
using Integration.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddExecutions(x => x
    .UseInMemoryStore()
    .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
        .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
        .Cron("0 */2 * * *", "Europe/Zurich"))
    .AddScheduledInterface<ErpSync>("erp-sync", i => i
        .Type(InterfaceType.Exports).Provider("ERP team", "erp@example.com")
        .Cron("30 6 * * *", "Europe/Zurich")));

using var host = builder.Build();
await host.StartAsync();

var operations = host.Services.GetRequiredService<IExecutionOperations>();
var color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
Console.WriteLine($"{"interface",-12} {"trigger",-8} {"status",-6} {"duration",-9} first error");
foreach (var interfaceId in new[] { "fnac-sales", "erp-sync" })
{
    var run = await operations.RunNowAsync(interfaceId);
    var ended = await run.Completion;
    var errors = await operations.ReadLogAsync(ended.Id, LogQuery.Errors);
    var first = errors.FirstOrDefault(e => e.Category != ErrorCategory.Cascade);
    var line = $"{ended.InterfaceId,-12} {ended.Trigger,-8} {ended.Status,-6} {ended.Duration?.TotalMilliseconds,6:0}ms  {(first.Sequence > 0 ? $"{first.Category!.Value.Indicator()} {first.Message}" : "-")}";
    Console.WriteLine(color && ended.Status == ExecutionStatus.KO ? $"\u001b[31m{line}\u001b[0m" : line);
    if (first.Sequence > 0)
    {
        Console.WriteLine($"{"",-12} action: {first.Category!.Value.Action()}");
    }
}

await host.StopAsync();
