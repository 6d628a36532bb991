using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What inbound call recording writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Warning, "Inbound call {Operation} of '{InterfaceId}' could not be recorded; the request was served without it")]
    public static partial void InboundNotRecorded(ILogger logger, Exception exception, string operation, string interfaceId);
}
