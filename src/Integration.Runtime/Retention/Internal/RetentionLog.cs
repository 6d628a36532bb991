using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What retention writes to the host's own log.</summary>
internal static partial class RetentionLog
{
    [LoggerMessage(604, LogLevel.Information, "Purged {Count} execution(s) that ended before {CutOff}")]
    public static partial void Purged(ILogger logger, int count, DateTimeOffset cutOff);
}
