namespace Integration.Storage.InMemory;

/// <summary>The operator actions of the reference store: kept on each execution's slot, deleted with it.</summary>
internal sealed partial class InMemoryExecutionStore
{
    public ValueTask<ExecutionAction> RecordExecutionActionAsync(ExecutionId executionId, ExecutionActionKind kind, string? actor, string? detail, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var slot = SlotOf(executionId);
        lock (slot.Actions)
        {
            var action = new ExecutionAction(executionId, kind, _time.GetUtcNow(), actor, detail);
            slot.Actions.Add(action);
            return new(action);
        }
    }

    public ValueTask<IReadOnlyList<ExecutionAction>> ReadExecutionActionsAsync(ExecutionId executionId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var slot = SlotOf(executionId);
        lock (slot.Actions)
        {
            return new(slot.Actions.Take(limit).ToList());
        }
    }
}
