using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integration.Sample.Partner;

/// <summary>
/// The external systems the sample talks to, simulated on 127.0.0.1 (random port) in the same process:
/// FNAC's sales feed (answers 503 once, then works), the ticketing export endpoint and the ERP.
/// </summary>
public sealed class PartnerSystem : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _salesCalls;

    private PartnerSystem(WebApplication app) => _app = app;

    /// <summary>Gets the partner's base address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the partner on a free port of 127.0.0.1.</summary>
    public static async Task<PartnerSystem> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var partner = new PartnerSystem(app);

        app.MapGet("/fnac/sales", (HttpContext context) =>
            Interlocked.Increment(ref partner._salesCalls) == 1
                ? Results.Text("FNAC is under maintenance", statusCode: (int)HttpStatusCode.ServiceUnavailable)
                : Results.Json(new[] { new Sale("S-1", "ZRH-01", 59.90m), new Sale("S-2", "GVA-02", 19.50m), new Sale("S-3", "ZRH-01", 5.00m) }));
        app.MapGet("/tickets/pending", () => Results.Json(new[] { new Ticket("T-1", "CONCERT"), new Ticket("T-2", "VIP-LOUNGE"), new Ticket("T-3", "THEATRE") }));
        app.MapPost("/tickets/export", () => Results.Accepted());
        app.MapGet("/erp/orders", () => Results.Json(Array.Empty<string>()));

        await app.StartAsync(cancellationToken);
        partner.BaseAddress = new Uri(app.Urls.First() + "/");
        return partner;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A sale in FNAC's feed.</summary>
public sealed record Sale(string Id, string StoreCode, decimal Amount);

/// <summary>A ticket waiting to be exported.</summary>
public sealed record Ticket(string Id, string Category);
