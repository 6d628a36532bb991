using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integration;

/// <summary>
/// How <see cref="ExecutionHealthChecksBuilderExtensions.AddExecutionChecks"/> checks the store and the interfaces:
/// the snapshot's refresh, the store's timeout, the grace periods, and the status each problem reports. Validated when
/// the host starts.
/// </summary>
/// <remarks>
/// An interface check reports the worst status of its problems, <see cref="HealthStatus.Healthy"/> when it has none.
/// The defaults: last execution KO and overdue are <see cref="HealthStatus.Unhealthy"/> (nothing good happens);
/// a stale daily execution, an execution running past its maximum duration and a paused schedule are
/// <see cref="HealthStatus.Degraded"/> (someone should look).
/// </remarks>
public sealed class ExecutionHealthOptions
{
    /// <summary>
    /// Gets or sets how often the interfaces' snapshot (the operations overview: two store reads) is refreshed in the
    /// background; interface checks read the snapshot, never the store. From 1 second to 1 day. Defaults to 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long the store check waits for the store before it reports it unreachable
    /// (<see cref="HealthStatus.Unhealthy"/>); the same timeout bounds each snapshot refresh. From 1 millisecond to
    /// 5 minutes. Defaults to 5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long after an occurrence of a scheduled interface an execution may still start (on any node)
    /// before the interface is overdue. From zero to 7 days. Defaults to 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan OverdueGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long after local midnight a previous day's daily execution may still be running before it is
    /// stale (days are closed by the next day's first call or the scheduler's midnight sweep). From zero to 1 day.
    /// Defaults to 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan StaleDailyGrace { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Gets or sets how many of an interface's newest executions are read to count its consecutive KOs, when its last
    /// execution is KO (one store read per failing interface and refresh). From 1 to 1,000. Defaults to 20.
    /// </summary>
    [Range(1, 1000)]
    public int ConsecutiveKoLimit { get; set; } = 20;

    /// <summary>Gets or sets the status of an interface whose last execution ended KO. Defaults to <see cref="HealthStatus.Unhealthy"/>.</summary>
    [EnumDataType(typeof(HealthStatus))]
    public HealthStatus LastKoStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>Gets or sets the status of an overdue interface. Defaults to <see cref="HealthStatus.Unhealthy"/>.</summary>
    [EnumDataType(typeof(HealthStatus))]
    public HealthStatus OverdueStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>Gets or sets the status of an interface whose previous day's daily execution is stale. Defaults to <see cref="HealthStatus.Degraded"/>.</summary>
    [EnumDataType(typeof(HealthStatus))]
    public HealthStatus StaleDailyStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>Gets or sets the status of an interface with an execution running past its maximum duration. Defaults to <see cref="HealthStatus.Degraded"/>.</summary>
    [EnumDataType(typeof(HealthStatus))]
    public HealthStatus OverMaxDurationStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>Gets or sets the status of an interface whose schedule is paused. Defaults to <see cref="HealthStatus.Degraded"/>.</summary>
    [EnumDataType(typeof(HealthStatus))]
    public HealthStatus PausedStatus { get; set; } = HealthStatus.Degraded;
}
