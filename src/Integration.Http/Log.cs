using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What the HTTP exchange handler writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "Execution {ExecutionId}: the exchange {Method} {Target} could not be recorded; the call itself was not affected")]
    public static partial void ExchangeNotRecorded(ILogger logger, Exception exception, ExecutionId executionId, string method, string? target);
}
