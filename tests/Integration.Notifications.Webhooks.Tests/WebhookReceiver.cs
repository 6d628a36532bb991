using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integration.Notifications.Webhooks.Tests;

/// <summary>
/// A receiver on 127.0.0.1 (a real Kestrel server on a port the system picks) that records every request and answers
/// with the given statuses in turn, repeating the last; <see cref="Hang"/> answers nothing until the client gives up.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = -1;

    public const string Path = "/hooks/integration";

    private readonly WebApplication _app;
    private readonly int[] _answers;
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly List<ReceivedRequest> _requests = [];

    private WebhookReceiver(WebApplication app, int[] answers)
    {
        _app = app;
        _answers = answers;
    }

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answers.Length == 0 ? [200] : answers);
        app.MapPost(Path, receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address + Path);
        return receiver;
    }

    /// <summary>Waits (bounded) for the next request to arrive.</summary>
    public async Task<ReceivedRequest> NextArrivalAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _arrivals.Reader.ReadAsync(timeout.Token);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var received = new ReceivedRequest(
            context.Request.ContentType,
            body.ToArray(),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        int answer;
        lock (_requests)
        {
            _requests.Add(received);
            answer = _answers[Math.Min(_requests.Count, _answers.Length) - 1];
        }

        _arrivals.Writer.TryWrite(received);
        if (answer == Hang)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on this attempt.
            }

            return;
        }

        context.Response.StatusCode = answer;
    }
}
