using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>Host-wide settings of the execution runtime. Validated when the host starts.</summary>
public sealed class ExecutionsOptions
{
    /// <summary>
    /// Gets or sets the id of this host instance, recorded on every execution it runs.
    /// Defaults to the machine name and the process id.
    /// </summary>
    [Required]
    public string NodeId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Gets or sets how long the host, when it stops, waits for running executions to end by themselves
    /// before it cancels them (they then end <see cref="ExecutionStatus.Cancelled"/>). From 0 to 1 hour; defaults to 5 seconds.
    /// The host's own shutdown timeout, when it fires first, ends the grace period there: keep this well below it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets a value indicating whether this host runs the scheduler (fires schedules, closes daily executions
    /// after local midnight). True by default; a node that only serves real-time calls may turn it off.
    /// </summary>
    public bool EnableScheduler { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether this host only operates: it registers the interfaces to query, read,
    /// diagnose, export, pause, resume and cancel them, but runs no execution and no scheduler. Its run now and re-run are
    /// stored as run requests, which an executing node sharing the store claims and starts (see <see cref="RunRequestOptions"/>).
    /// False by default; <see cref="OperateOnlyExecutionsBuilderExtensions.OperateOnly"/> sets it.
    /// </summary>
    public bool OperateOnly { get; set; }
}
