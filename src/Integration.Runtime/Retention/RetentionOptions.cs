using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>
/// How long ended executions and their lines are kept. Purged in batches by every node's sweeper. Validated when
/// the host starts.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Gets or sets how long an execution is kept after it ended; null keeps every execution. At least 1 hour when
    /// set. Defaults to null.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", TimeSpans.Max)]
    public TimeSpan? MaxAge { get; set; }

    /// <summary>Gets or sets how many executions one purge statement deletes, from 1 to 100,000. Defaults to 1,000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Gets or sets how often old executions are purged. Defaults to 1 hour.</summary>
    [Range(typeof(TimeSpan), TimeSpans.OneTick, TimeSpans.Max)]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
