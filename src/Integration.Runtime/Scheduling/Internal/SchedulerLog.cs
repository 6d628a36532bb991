using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What the scheduler and the host's shutdown of executions write to the host's own log.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(701, LogLevel.Error, "Scheduler: the store failed for '{InterfaceIds}' (attempt {Attempt}); next attempt in {Delay}, occurrences that pass meanwhile follow the misfire policy")]
    public static partial void BackingOff(ILogger logger, Exception exception, string interfaceIds, int attempt, TimeSpan delay);

    [LoggerMessage(702, LogLevel.Information, "Scheduler: the store answers again after {Attempts} failed attempt(s)")]
    public static partial void StoreBack(ILogger logger, int attempts);

    [LoggerMessage(703, LogLevel.Error, "Scheduler: catching up '{InterfaceId}' failed; its remaining occurrences are owed at the next start")]
    public static partial void CatchUpFailed(ILogger logger, Exception exception, string interfaceId);

    [LoggerMessage(704, LogLevel.Warning, "Scheduler: '{InterfaceId}' is behind by more than its misfire cap of {Cap} run(s); its occurrence {Occurrence:O} is given up")]
    public static partial void CatchUpCapped(ILogger logger, string interfaceId, DateTimeOffset occurrence, int cap);

    [LoggerMessage(711, LogLevel.Warning, "Host stopping: its shutdown timeout ended the grace period of {GracePeriod} early; cancelling running executions now")]
    public static partial void ShutdownGraceCutShort(ILogger logger, TimeSpan gracePeriod);

    [LoggerMessage(712, LogLevel.Warning, "Host stopping: {Count} cancelled execution(s) did not record their end within {Timeout}; they will end Abandoned")]
    public static partial void ShutdownEndsNotRecorded(ILogger logger, int count, TimeSpan timeout);
}
