using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What run requests write to the host's own log.</summary>
internal static partial class RunRequestLog
{
    [LoggerMessage(1101, LogLevel.Information, "Run request {RequestId} for '{InterfaceId}' stored; an executing node will claim it")]
    public static partial void Stored(ILogger logger, Guid requestId, string interfaceId);

    [LoggerMessage(1102, LogLevel.Information, "Run request {RequestId} for '{InterfaceId}' claimed by node '{NodeId}': execution {ExecutionId}")]
    public static partial void Started(ILogger logger, Guid requestId, string interfaceId, string nodeId, ExecutionId executionId);

    [LoggerMessage(1103, LogLevel.Warning, "Run request {RequestId} for '{InterfaceId}' could not be started here; another node may claim it once its claim expires")]
    public static partial void StartFailed(ILogger logger, Exception exception, Guid requestId, string interfaceId);

    [LoggerMessage(1104, LogLevel.Error, "Claiming run requests failed; trying again at the next poll")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);
}
