// The README's quick start, as a new user writes it: registration, a connector, run now; on the SQLite store.
// Exits 0 when the run ended OK and the store holds it with its log; 1 otherwise.
using Integration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var database = Path.Combine(AppContext.BaseDirectory, "integrations.db");
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<FnacClient>();
builder.Services.AddSingleton<SalesRepository>();
builder.Services.AddExecutions(x => x
    .UseSqliteStore($"Data Source={database}")
    .AddScheduledInterface<FnacSalesImport>("fnac-sales", i => i
        .Type(InterfaceType.ExternalSales).Provider("FNAC", "support@fnac.example")
        .Cron("0 */2 * * *", "Europe/Zurich")
        .MaxDuration(TimeSpan.FromMinutes(30)))
    .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));

using var host = builder.Build();
await host.StartAsync();
var operations = host.Services.GetRequiredService<IExecutionOperations>();

var run = await operations.RunNowAsync("fnac-sales");
var ended = await run.Completion.WaitAsync(TimeSpan.FromMinutes(1));
var stored = await operations.GetAsync(run.Id);
var log = await operations.ReadLogAsync(run.Id, new LogQuery());
var sales = host.Services.GetRequiredService<SalesRepository>().Count;
await host.StopAsync();

Console.WriteLine($"{stored.InterfaceId} {stored.Status}, {log.Count} log lines, {sales} sales, store {database}");
foreach (var line in log)
{
    Console.WriteLine($"  {line.Level} {line.Message}");
}

var ok = ended.Status == ExecutionStatus.OK && stored.Status == ExecutionStatus.OK
    && log.Any(l => l.Message.StartsWith("Fetching sales", StringComparison.Ordinal)) && sales == 2;
Console.WriteLine(ok ? "package smoke test: OK" : "package smoke test: FAILED");
return ok ? 0 : 1;

public sealed class FnacSalesImport(FnacClient fnac, SalesRepository sales) : IExternalInterface
{
    public async Task RunAsync(IExecutionContext run, CancellationToken ct)
    {
        run.Log.Info($"Fetching sales {run.Window}");                 // work on the window, never on "now"
        foreach (var sale in await fnac.GetSalesAsync(run.Window.From, run.Window.To, ct))
            await sales.UpsertAsync(sale, ct);                        // upsert: a re-run repeats the same effects
    }
}

public sealed record Sale(string Id, decimal Amount);

public sealed class FnacClient
{
    public Task<IReadOnlyList<Sale>> GetSalesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
        => Task.FromResult<IReadOnlyList<Sale>>([new Sale("S-1", 10m), new Sale("S-2", 5m)]);
}

public sealed class SalesRepository
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Sale> _sales = new();

    public int Count => _sales.Count;

    public Task UpsertAsync(Sale sale, CancellationToken ct)
    {
        _sales[sale.Id] = sale;
        return Task.CompletedTask;
    }
}
