using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What leases and the sweeper write to the host's own log (retention's line is in RetentionLog).</summary>
internal static partial class LeaseLog
{
    [LoggerMessage(601, LogLevel.Warning, "Execution {ExecutionId}: node '{NodeId}' lost its lease ({Why}); the connector is cancelled and nothing more is recorded")]
    public static partial void LeaseLost(ILogger logger, ExecutionId executionId, string nodeId, string why);

    [LoggerMessage(602, LogLevel.Warning, "Execution {ExecutionId}: renewing its lease failed; retrying at the next heartbeat")]
    public static partial void RenewFailed(ILogger logger, Exception exception, ExecutionId executionId);

    [LoggerMessage(603, LogLevel.Warning, "Abandoned {Count} running execution(s) whose node stopped renewing their lease for {LeaseTimeout}")]
    public static partial void Abandoned(ILogger logger, int count, TimeSpan leaseTimeout);

    [LoggerMessage(605, LogLevel.Error, "The execution sweeper failed; it tries again at its next round")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
