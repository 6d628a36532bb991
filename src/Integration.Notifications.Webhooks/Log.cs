using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What the webhook notifier writes to the host's own log (never the secret, never the endpoint's query string or user information).</summary>
internal static partial class Log
{
    [LoggerMessage(1501, LogLevel.Debug, "Notification {NotificationId} ({EventType}) delivered to {Endpoint}: {StatusCode} after {Attempts} attempt(s)")]
    public static partial void Delivered(ILogger logger, string notificationId, string eventType, string endpoint, int statusCode, int attempts);

    [LoggerMessage(1502, LogLevel.Warning, "Notification {NotificationId} to {Endpoint}: attempt {Attempt} failed ({Outcome}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string notificationId, string endpoint, int attempt, string outcome, TimeSpan delay);

    [LoggerMessage(1503, LogLevel.Error, "Notification {NotificationId} could not be delivered to {Endpoint} after {Attempts} attempt(s): {Outcome}; the runtime keeps it and tries again later")]
    public static partial void Failed(ILogger logger, string notificationId, string endpoint, int attempts, string outcome);
}
