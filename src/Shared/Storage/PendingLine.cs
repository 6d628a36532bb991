namespace Integration.Storage;

/// <summary>A line queued for a SQL store's log writer, and the task its appender waits on. Compiled into each SQL store package.</summary>
internal sealed class PendingLine(ExecutionId executionId, LogEntry entry)
{
    public ExecutionId ExecutionId { get; } = executionId;

    public LogEntry Entry { get; } = entry;

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
