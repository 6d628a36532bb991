using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>
/// How run requests travel between a host that only operates and the executing nodes sharing its store: executing
/// nodes claim the requests of the interfaces they register every <see cref="PollInterval"/>; an operate-only host
/// watches the store at the same interval for the execution to start (up to <see cref="StartTimeout"/>) and end.
/// Validated when the host starts.
/// </summary>
public sealed class RunRequestOptions
{
    /// <summary>
    /// Gets or sets how often an executing node claims run requests, and how often an operate-only host looks for the
    /// execution it asked for. From 10 milliseconds to 1 minute; defaults to 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long run now or re-run on an operate-only host waits for an executing node to start the execution
    /// before it throws <see cref="TimeoutException"/> (the request stays stored: a node that starts later runs it).
    /// At least 1 second; defaults to 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", TimeSpans.Max)]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
