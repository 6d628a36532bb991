using Microsoft.Extensions.Logging;

namespace Integration.Storage.PostgreSql;

/// <summary>What the PostgreSQL store writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(1101, LogLevel.Warning, "PostgreSQL execution store: the database cannot be reached while the host starts; the host starts anyway and the store tries again on its next use")]
    public static partial void UnavailableAtStart(ILogger logger, Exception exception);
}
