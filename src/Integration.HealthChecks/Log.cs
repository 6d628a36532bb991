using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What the health checks write to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(1301, LogLevel.Warning, "The health snapshot could not be refreshed; the checks keep the previous one")]
    public static partial void SnapshotRefreshFailed(ILogger logger, Exception exception);
}
