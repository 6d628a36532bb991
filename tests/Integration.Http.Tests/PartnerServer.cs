using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Http.Tests;

/// <summary>A partner's API on 127.0.0.1, on a port the system picks.</summary>
public sealed class PartnerServer : IAsyncLifetime
{
    public const int BigLength = 10 * 1024 * 1024;

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Completes when the slow endpoint has received its request.</summary>
    public TaskCompletionSource SlowReached { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? LastAuthorization { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/sales", () => Results.Text("""{"sales":[{"id":1,"amount":12.5}],"password":"SERVER-SECRET"}""", "application/json"));
        app.MapPost("/sales", async (HttpRequest request) =>
        {
            LastAuthorization = request.Headers.Authorization;
            using var reader = new StreamReader(request.Body);
            return Results.Text($"received {(await reader.ReadToEndAsync()).Length} chars", "text/plain");
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", "text/plain", statusCode: code));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            SlowReached.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/big", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = BigLength;
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            for (var sent = 0; sent < BigLength; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapGet("/nul", () => Results.Text("order 42\0; status: shipped\n", "text/plain"));
        app.MapGet("/binary", () => Results.Bytes([0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xFE, 0x01], "application/pdf"));
        app.MapGet("/latin1", () => Results.Bytes(Encoding.Latin1.GetBytes("Caf\u00e9 cr\u00e8me"), "text/plain; charset=iso-8859-1"));
        await app.StartAsync();
        _app = app;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public void ResetSlow() => SlowReached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
