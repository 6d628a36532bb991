using Microsoft.Extensions.Logging;

namespace Integration.Dashboard;

/// <summary>What the support console writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "Console: {Action} on '{Target}' by {Actor}")]
    public static partial void ActionDone(ILogger logger, string action, string target, string actor);

    [LoggerMessage(302, LogLevel.Warning, "Console: {Method} {Path} refused ({Reason})")]
    public static partial void Refused(ILogger logger, string method, string path, string reason);
}
