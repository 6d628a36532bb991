using Integration;
using Npgsql;

// The host that benchmarks/realtime-overhead.sh loads with wrk: one process serves the same endpoint twice, bare
// (/bare) and as an inbound real-time call recorded in its interface's daily execution (/daily), so both run on the
// same Kestrel, the same thread pool and the same store. Usage: Integration.RealTimeHost sqlite|postgresql|inmemory URL
var store = args.Length > 0 ? args[0] : "sqlite";
var url = args.Length > 1 ? args[1] : "http://127.0.0.1:5310";
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(url);
builder.Logging.ClearProviders();
builder.Services.AddExecutions(x =>
{
    switch (store)
    {
        case "sqlite":
            var file = Path.Combine(Directory.CreateTempSubdirectory("integration-realtime-").FullName, "store.db");
            x.UseSqliteStore($"Data Source={file}");
            break;
        case "inmemory":
            x.UseInMemoryStore();
            break;
        case "postgresql":
            x.UsePostgreSqlStore(PostgreSqlSchema.Fresh());
            break;
        default:
            throw new ArgumentException($"Unknown store '{store}': sqlite, postgresql or inmemory.");
    }

    x.AddRealTimeInterface("bench-api", i => i.Type(InterfaceType.PublicWebServices).Inbound());
});

var app = builder.Build();
app.MapGet("/bare", () => Results.Text("{\"status\":\"ok\"}", "application/json"));
app.MapGet("/daily", () => Results.Text("{\"status\":\"ok\"}", "application/json")).WithDailyExecution("bench-api");
app.MapGet("/ready", () => Results.Text(store));
await app.RunAsync();

/// <summary>A fresh schema of the benchmark database of INTEGRATION_POSTGRES for each run, dropped first if left over.</summary>
internal static class PostgreSqlSchema
{
    private const string Name = "bench_log_realtime";

    public static string Fresh()
    {
        var connectionString = Environment.GetEnvironmentVariable("INTEGRATION_POSTGRES")
            ?? throw new InvalidOperationException("Set INTEGRATION_POSTGRES to a PostgreSQL connection string.");
        using (var admin = new NpgsqlConnection(connectionString))
        {
            admin.Open();
            using var reset = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE; CREATE SCHEMA {Name}", admin);
            reset.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Name }.ConnectionString;
    }
}
