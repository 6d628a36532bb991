using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What leases, the sweeper and retention write to the host's own log.</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(601, LogLevel.Warning, "Execution {ExecutionId}: node '{NodeId}' lost its lease ({Why}); the connector is cancelled and nothing more is recorded")]
    public static partial void LeaseLost(ILogger logger, ExecutionId executionId, string nodeId, string why);

    [LoggerMessage(602, LogLevel.Warning, "Execution {ExecutionId}: renewing its lease failed; retrying at the next heartbeat")]
    public static partial void RenewFailed(ILogger logger, Exception exception, ExecutionId executionId);

    [LoggerMessage(603, LogLevel.Warning, "Abandoned {Count} running execution(s) whose node stopped renewing their lease for {LeaseTimeout}")]
    public static partial void Abandoned(ILogger logger, int count, TimeSpan leaseTimeout);

    [LoggerMessage(604, LogLevel.Information, "Purged {Count} execution(s) that ended before {CutOff}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset cutOff);

    [LoggerMessage(605, LogLevel.Error, "The execution sweeper failed; it tries again at its next round")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
