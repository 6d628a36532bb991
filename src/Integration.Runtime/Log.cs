using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>What the runtime writes to the host's own log.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Error classifier {Classifier} threw while classifying an error of interface '{InterfaceId}'; it was skipped")]
    public static partial void ClassifierFailed(ILogger logger, Exception exception, string classifier, string interfaceId);

    [LoggerMessage(2, LogLevel.Information, "Execution {ExecutionId} of '{InterfaceId}' started ({Trigger}, window {Window})")]
    public static partial void ExecutionStarted(ILogger logger, ExecutionId executionId, string interfaceId, ExecutionTrigger trigger, ExecutionWindow window);

    [LoggerMessage(3, LogLevel.Information, "Execution {ExecutionId} of '{InterfaceId}' ended {Status} ({Reason}) in {Duration}")]
    public static partial void ExecutionEnded(ILogger logger, ExecutionId executionId, string interfaceId, ExecutionStatus status, ExecutionReason reason, TimeSpan duration);

    [LoggerMessage(4, LogLevel.Warning, "Execution {ExecutionId} of '{InterfaceId}' runs past its maximum duration of {MaxDuration} ({Policy})")]
    public static partial void DurationExceeded(ILogger logger, ExecutionId executionId, string interfaceId, TimeSpan maxDuration, DurationPolicy policy);

    [LoggerMessage(5, LogLevel.Warning, "Occurrence of schedule '{ScheduleId}' skipped: execution {RunningId} is still running")]
    public static partial void OverlapSkipped(ILogger logger, string scheduleId, ExecutionId runningId);

    [LoggerMessage(6, LogLevel.Error, "Execution {ExecutionId}: the store failed to record a log line or the end of the execution")]
    public static partial void StoreFailed(ILogger logger, Exception exception, ExecutionId executionId);

    [LoggerMessage(7, LogLevel.Warning, "Execution {ExecutionId} was already ended elsewhere; this node's outcome {Status} was not recorded")]
    public static partial void CompletionLost(ILogger logger, ExecutionId executionId, ExecutionStatus status);

    [LoggerMessage(8, LogLevel.Information, "Host stopping: cancelling {Count} running execution(s)")]
    public static partial void CancellingOnShutdown(ILogger logger, int count);

    [LoggerMessage(10, LogLevel.Warning, "Scheduler: missed occurrences of '{InterfaceId}' (host down or stalled); misfire policy {Policy} runs {Runs} of them")]
    public static partial void Misfire(ILogger logger, string interfaceId, MisfirePolicy policy, int runs);

    [LoggerMessage(40, LogLevel.Warning, "Operator action {Kind} on execution {ExecutionId} was done but could not be recorded in the store's audit")]
    public static partial void ActionNotRecorded(ILogger logger, Exception exception, ExecutionActionKind kind, ExecutionId executionId);
}
