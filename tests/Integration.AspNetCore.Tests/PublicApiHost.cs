using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Integration.AspNetCore.Tests;

/// <summary>
/// The host's own API on 127.0.0.1, port 0: the same endpoints under /api/sales (inbound calls of <c>public-api</c>)
/// and under /plain/sales (not recorded), so a test can compare what a client sees through both.
/// </summary>
public sealed class PublicApiHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private PublicApiHost(WebApplication app, FakeTimeProvider time, Uri baseAddress, bool http2)
    {
        App = app;
        Time = time;
        Client = http2
            ? new HttpClient { BaseAddress = baseAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact }
            : new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IExecutionStore Store => App.Services.GetRequiredService<IExecutionStore>();

    public IDailyExecutions Daily => App.Services.GetRequiredService<IDailyExecutions>();

    /// <summary>Starts the host; with <paramref name="http2"/>, Kestrel speaks HTTP/2 only, over cleartext (h2c, prior knowledge), and so does the client.</summary>
    public static async Task<PublicApiHost> StartAsync(bool http2 = false)
    {
        var time = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        if (http2)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        }
        else
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        // Bodies larger than Kestrel's default limit (about 28.6 MB), as a host that accepts uploads would allow.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddExecutions(x => x
            .UseInMemoryStore()
            .AddRealTimeInterface("public-api", i => i.Type(InterfaceType.PublicWebServices).Inbound()));
        var app = builder.Build();
        Map(app.MapGroup("/api/sales").WithDailyExecution("public-api"));
        Map(app.MapGroup("/plain/sales"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new PublicApiHost(app, time, new Uri(address + "/"), http2);
    }

    public async Task<Execution> OnlyExecutionAsync()
        => Assert.Single((await Store.QueryAsync(new ExecutionQuery { InterfaceId = "public-api" })).Items);

    public async Task<IReadOnlyList<LogEntry>> LinesAsync(ExecutionLogLevel minLevel = ExecutionLogLevel.Debug)
        => await Store.ReadLogAsync((await OnlyExecutionAsync()).Id, new LogQuery { MinLevel = minLevel, Limit = LogQuery.MaxLimit });

    /// <summary>
    /// Waits (up to 10 s) for the one exchange line of the day: a call is recorded once its endpoint returned, which a
    /// client reading a complete response can beat.
    /// </summary>
    public async Task<LogEntry> ExchangeLineAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var lines = (await Store.QueryAsync(new ExecutionQuery { InterfaceId = "public-api" })).Items.Count == 0 ? [] : await LinesAsync();
            var exchanges = lines.Where(l => l.Exchange?.Target is not null).ToList();
            if (exchanges.Count > 0 || attempt == 500)
            {
                return Assert.Single(exchanges);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    private static void Map(RouteGroupBuilder sales)
    {
        sales.MapGet("/{id:int}", (int id) => Results.Ok(new Sale(id, 12.5m)));
        sales.MapPost("/", (Sale sale) => Results.Created($"/api/sales/{sale.Id}", sale));
        sales.MapGet("/trace", (HttpContext http) => Activity.Current is { } a ? a.TraceId.ToHexString() : http.TraceIdentifier);
        sales.MapGet("/report", () => Results.Text(new string('r', 100_000), "text/plain"));
        sales.MapGet("/boom", string () => throw new InvalidOperationException("the sales cache is gone"));
        sales.MapGet("/unmapped", string () => throw new MappingException("sale 7 names no known store"));
        sales.MapPost("/echo", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Text($"{request.Protocol}: read {body.Length} chars", "text/plain");
        });
        sales.MapPost("/bytes", async (HttpRequest request) =>
        {
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            return Results.Bytes(copy.ToArray(), "text/plain");
        });
    }
}

public sealed record Sale(int Id, decimal Amount);
