using System.Net.Http.Headers;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Integration;

/// <summary>A notification as the body of a webhook request: one CloudEvent 1.0 in structured mode.</summary>
internal static class WebhookEvent
{
    private const string JsonMediaType = "application/json";

    private static readonly JsonEventFormatter Formatter = new(ExecutionNotification.JsonOptions, default);

    /// <summary>Encodes a notification; the same notification always gives the same bytes (its signature holds on every attempt).</summary>
    public static (ReadOnlyMemory<byte> Body, MediaTypeHeaderValue ContentType) Encode(ExecutionNotification notification, Uri source)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = notification.Id,
            Type = WebhookEventTypes.For(notification.Kind),
            Source = source,
            Subject = notification.InterfaceId,
            Time = notification.OccurredAt,
            DataContentType = JsonMediaType,
            Data = notification,
        };
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, new MediaTypeHeaderValue(contentType.MediaType, contentType.CharSet));
    }
}
