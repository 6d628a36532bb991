using Microsoft.Extensions.Logging;

namespace Integration.Storage.Sqlite;

/// <summary>What the SQLite store writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Warning, "SQLite execution store: the database cannot be opened while the host starts; the host starts anyway and the store tries again on its next use")]
    public static partial void UnavailableAtStart(ILogger logger, Exception exception);
}
