using Microsoft.Extensions.Logging;

namespace Integration.Notifications.Webhooks.Tests;

/// <summary>One captured log line.</summary>
public sealed record CapturedLine(LogLevel Level, int EventId, string Category, string Text);
