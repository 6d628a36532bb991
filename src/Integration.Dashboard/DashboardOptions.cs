using System.ComponentModel.DataAnnotations;

namespace Integration;

/// <summary>
/// Who may use the support console (<see cref="DashboardEndpointRouteBuilderExtensions.MapIntegrationDashboard"/>) and
/// how much one page shows. Secure by default: with no policy named, the console answers only local (loopback) requests.
/// Validated when the host starts.
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>The default number of executions on one page of the list: 50.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The default number of log lines on one page of an execution's log: 200.</summary>
    public const int DefaultLogPageSize = 200;

    /// <summary>
    /// Gets or sets the authorization policy a user must satisfy to see the console (every page, every download).
    /// Null (the default) with no <see cref="OperatorPolicy"/> and no <see cref="AllowAnonymous"/>: only loopback requests
    /// are answered, as a local tool.
    /// </summary>
    public string? ViewerPolicy { get; set; }

    /// <summary>
    /// Gets or sets the authorization policy a user must satisfy, on top of <see cref="ViewerPolicy"/>, to act: run now,
    /// re-run, cancel, pause and resume. Null with a <see cref="ViewerPolicy"/>: the console is read-only for everyone.
    /// </summary>
    public string? OperatorPolicy { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether anyone who reaches the console may see it and act, without a policy: for a
    /// host that already guards the path (a gateway, a private network). False by default; cannot be combined with a policy.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the number of executions on one page of the list, from 10 to 500; defaults to <see cref="DefaultPageSize"/>.</summary>
    [Range(10, 500)]
    public int PageSize { get; set; } = DefaultPageSize;

    /// <summary>Gets or sets the number of log lines on one page of an execution's log, from 20 to 2,000; defaults to <see cref="DefaultLogPageSize"/>.</summary>
    [Range(20, 2000)]
    public int LogPageSize { get; set; } = DefaultLogPageSize;
}
