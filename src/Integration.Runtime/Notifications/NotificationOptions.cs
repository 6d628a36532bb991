using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>How notifications are noticed and delivered (validated when the host starts).</summary>
public sealed class NotificationOptions
{
    /// <summary>Gets or sets how often each node looks for transitions and delivers the outbox; 15 seconds by default (1 second to 1 hour).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long a node's claim on a notification holds: a notification whose delivery failed, or whose node
    /// died, is tried again after it; 1 minute by default (1 second to 1 day).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how long an occurrence may pass with no execution started before it is overdue; 5 minutes by default (zero to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how long after local midnight a previous day's daily execution may stay open before it is stale; 30 minutes by default (zero to 1 day).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StaleDailyGrace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long delivered notifications stay in the outbox (so a late node does not send them again); 7 days by default (1 hour to 365 days).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets the console link template: <c>{executionId}</c> and <c>{interfaceId}</c> are replaced (URL-escaped),
    /// e.g. <c>https://ops.example.com/integrations/executions/{executionId}</c>. An absolute http(s) URI; null (the default) for no link.
    /// When the notification has no execution, a template with <c>{executionId}</c> gives no link.
    /// </summary>
    public string? ConsoleLink { get; set; }
}
