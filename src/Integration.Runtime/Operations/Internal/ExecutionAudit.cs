using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// Records operator actions on executions in the store's audit (<see cref="IExecutionStore.RecordExecutionActionAsync"/>).
/// Recording never undoes the action: a run already started, a cancel already delivered or an export already written
/// stands when the store fails to record it, and the failure goes to the host's log.
/// </summary>
internal sealed class ExecutionAudit(IExecutionStore store, TimeProvider time, ILogger<ExecutionAudit> logger)
{
    /// <summary>Records an action; false when the store failed to (also when the execution was purged meanwhile).</summary>
    public async ValueTask<bool> RecordAsync(ExecutionId executionId, OperatorAction action)
    {
        try
        {
            // Not the caller's token: the action has happened, its record must not be left half-done by a caller leaving.
            await store.RecordExecutionActionAsync(executionId, action.Kind, action.Actor, action.Detail, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception e)
        {
            Log.ActionNotRecorded(logger, e, action.Kind, executionId);
            return false;
        }
    }

    /// <summary>
    /// Records an export and appends its line to the execution's log, as a late line when it has ended. An abandoned
    /// execution is fenced: its log takes no line (its node's lines stay the last), the action is still recorded.
    /// </summary>
    public async ValueTask RecordExportAsync(ExecutionId executionId, OperatorAction action)
    {
        if (!await RecordAsync(executionId, action).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var line = new LogEntry { Time = time.GetUtcNow(), Level = ExecutionLogLevel.Information, Message = action.Line! };
            await store.AppendAsync(executionId, line, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.ActionNotRecorded(logger, e, action.Kind, executionId);
        }
    }
}
