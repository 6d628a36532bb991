using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Integration.Notifications.Webhooks.Tests;

public sealed class WebhookEventTests
{
    [Fact]
    public async Task NotifyAsync_PostsOneStructuredCloudEvent_ThatTheSdkParses()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var host = NotifierHost.Create(receiver.Endpoint);
        var notification = Notifications.TurnedKo();

        await host.Notifier.NotifyAsync(notification, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        var contentType = new ContentType(request.ContentType!);
        Assert.Equal("application/cloudevents+json", contentType.MediaType);
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(request.Body, contentType, null);
        Assert.Equal(CloudEventsSpecVersion.V1_0, cloudEvent.SpecVersion);
        Assert.Equal(notification.Id, cloudEvent.Id);
        Assert.Equal("integration.interface.turned-ko", cloudEvent.Type);
        Assert.Equal(new Uri("/integration", UriKind.Relative), cloudEvent.Source);
        Assert.Equal("fnac-sales", cloudEvent.Subject);
        Assert.Equal(Notifications.OccurredAt, cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
    }

    [Fact]
    public async Task Data_IsTheNotification_CamelCase_EnumsAsNames_NullsLeftOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var host = NotifierHost.Create(receiver.Endpoint);

        await host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);

        var data = DataOf(Assert.Single(receiver.Requests));
        Assert.Equal(Notifications.TurnedKo().Id, data.GetProperty("id").GetString());
        Assert.Equal("TurnedKo", data.GetProperty("kind").GetString());
        Assert.Equal("fnac-sales", data.GetProperty("interfaceId").GetString());
        Assert.Equal("FNAC sales", data.GetProperty("interfaceName").GetString());
        Assert.Equal("019a1b2c-3d4e-7f00-8a9b-0c1d2e3f4a5b", data.GetProperty("executionId").GetString());
        Assert.Equal("KO", data.GetProperty("status").GetString());
        Assert.Equal("External", data.GetProperty("category").GetString());
        Assert.Equal("Re-run; if it still fails, contact the provider", data.GetProperty("action").GetString());
        Assert.Equal("support@fnac.example", data.GetProperty("contact").GetString());
        Assert.Equal("https://ops.example.com/integrations/executions/019a1b2c-3d4e-7f00-8a9b-0c1d2e3f4a5b", data.GetProperty("consoleLink").GetString());
        Assert.Equal(Notifications.OccurredAt, data.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.False(data.TryGetProperty("occurrence", out _));
        Assert.False(data.TryGetProperty("retryAttempt", out _));
        Assert.False(data.TryGetProperty("nextRetryAt", out _));
    }

    [Fact]
    public async Task OverdueNotification_WithoutExecution_LeavesItsFieldsOut_AndCarriesTheOccurrence()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.Source = "https://ticketing.example.com/integration");
        var occurrence = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var notification = new ExecutionNotification
        {
            Id = "overdue/fnac-sales/2026-03-02T08:00:00Z",
            Kind = NotificationKind.Overdue,
            InterfaceId = "fnac-sales",
            InterfaceName = "FNAC sales",
            OccurredAt = Notifications.OccurredAt,
            Summary = "fnac-sales is overdue",
            Occurrence = occurrence,
        };

        await host.Notifier.NotifyAsync(notification, CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(request.Body, new ContentType(request.ContentType!), null);
        Assert.Equal("integration.interface.overdue", cloudEvent.Type);
        Assert.Equal(new Uri("https://ticketing.example.com/integration"), cloudEvent.Source);
        var data = DataOf(request);
        Assert.Equal(occurrence, data.GetProperty("occurrence").GetDateTimeOffset());
        Assert.False(data.TryGetProperty("executionId", out _));
        Assert.False(data.TryGetProperty("status", out _));
        Assert.False(data.TryGetProperty("category", out _));
        Assert.False(data.TryGetProperty("consoleLink", out _));
    }

    [Fact]
    public async Task SignatureHeader_VerifiesWithTheSecret_NotWithAnotherSecret_NorABodyChangedByOneByte()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var host = NotifierHost.Create(receiver.Endpoint);

        await host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        var signature = request.Header(WebhookNotifierOptions.DefaultSignatureHeader);
        Assert.NotNull(signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", signature);
        Assert.True(WebhookSignature.Verify(NotifierHost.Secret, request.Body, signature));
        Assert.False(WebhookSignature.Verify(NotifierHost.Secret + "x", request.Body, signature));
        Assert.False(WebhookSignature.Verify("another-secret-of-24-chars", request.Body, signature));
        var changed = request.Body.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        Assert.False(WebhookSignature.Verify(NotifierHost.Secret, changed, signature));
    }

    [Fact]
    public async Task SignatureHeader_IsTheConfiguredOne()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        await using var host = NotifierHost.Create(receiver.Endpoint, o => o.SignatureHeader = "X-Hub-Signature-256");

        await host.Notifier.NotifyAsync(Notifications.TurnedKo(), CancellationToken.None);

        var request = Assert.Single(receiver.Requests);
        Assert.Null(request.Header(WebhookNotifierOptions.DefaultSignatureHeader));
        Assert.True(WebhookSignature.Verify(NotifierHost.Secret, request.Body, request.Header("X-Hub-Signature-256")));
    }

    private static JsonElement DataOf(ReceivedRequest request)
    {
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(request.Body, new ContentType(request.ContentType!), null);
        var data = Assert.IsType<JsonElement>(cloudEvent.Data);
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        return data;
    }
}
