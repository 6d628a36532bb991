using System.Net.Http.Json;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integration.Snippets;

public static class Notifications
{
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        #region snippet:operations-notifications
        services.AddExecutions(x => x
            .UseSqliteStore("Data Source=integrations.db")
            .ConfigureSupport(o => o.SupportContact = "integration-support@example.com")
            .AddScheduledInterface<FnacSalesSync>("fnac-sales", i => i
                .Provider("FNAC", "partners@fnac.example")
                .Cron("*/15 * * * *", "Europe/Zurich"))
            .ConfigureNotifications(o =>
            {
                o.ConsoleLink = "https://ops.example.com/integrations/executions/{executionId}";
                o.OverdueGrace = TimeSpan.FromMinutes(10);
            })
            .AddWebhookNotifier(o =>
            {
                o.Endpoint = new Uri("https://ops.example.com/hooks/integration");
                o.Secret = configuration["Integration:WebhookSecret"];   // from configuration or a vault, never in code
            }));
        #endregion
    }

    public static void MapReceiver(WebApplication app, string secret)
    {
        #region snippet:operations-webhook-receiver
        app.MapPost("/hooks/integration", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (!WebhookSignature.Verify(secret, body, request.Headers["X-Integration-Signature"]))
            {
                return Results.Unauthorized();
            }

            var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(body, contentType: null, extensionAttributes: null);
            // Route on cloudEvent.Type (integration.interface.turned-ko, …); a notification may come twice: deduplicate on cloudEvent.Id.
            return Results.Ok();
        });
        #endregion
    }
}

#region snippet:operations-custom-notifier
// Registered once per host: services.AddHttpClient("chat", c => c.BaseAddress = new Uri("https://chat.example.com"))
// and, in AddExecutions, .AddNotifier<ChatNotifier>(). Notifiers are singletons: take the client factory, not a client.
public sealed class ChatNotifier(IHttpClientFactory clients) : IExecutionNotifier
{
    public async Task NotifyAsync(ExecutionNotification n, CancellationToken cancellationToken)
    {
        var text = $"{n.Summary} {n.Action} {(n.Contact is null ? "" : $"Contact: {n.Contact}.")} {n.ConsoleLink}";
        // Throwing (here on a non-success status) keeps the notification in the outbox: it is tried again later.
        using var response = await clients.CreateClient("chat").PostAsJsonAsync("/messages", new { text }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
#endregion
