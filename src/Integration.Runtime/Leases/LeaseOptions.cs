using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>
/// How a node keeps the executions it runs: it renews each one's lease in the store every
/// <see cref="HeartbeatInterval"/>; every <see cref="SweepInterval"/> it abandons the running executions (of any
/// node) whose lease was not renewed for <see cref="LeaseTimeout"/>. Validated when the host starts.
/// </summary>
public sealed class LeaseOptions
{
    /// <summary>Gets or sets how often a running execution's lease is renewed. Defaults to 15 seconds.</summary>
    [Range(typeof(TimeSpan), TimeSpans.OneTick, TimeSpans.Max)]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Gets or sets how long a lease lasts without renewal before its execution is abandoned; at least twice
    /// <see cref="HeartbeatInterval"/>. Defaults to 1 minute.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how often this node looks for expired leases. Defaults to 30 seconds.</summary>
    [Range(typeof(TimeSpan), TimeSpans.OneTick, TimeSpans.Max)]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
