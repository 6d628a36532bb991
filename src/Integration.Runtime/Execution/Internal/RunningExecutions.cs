using System.Collections.Concurrent;

namespace Integration;

/// <summary>The executions this node is running, by id and by schedule (for the overlap policy).</summary>
internal sealed class RunningExecutions
{
    private readonly ConcurrentDictionary<ExecutionId, RunningExecution> _byId = new();
    private readonly ConcurrentDictionary<string, ExecutionId?> _claims = new(StringComparer.Ordinal);

    private volatile bool _stopping;

    public int Count => _byId.Count;

    /// <summary>Gets a value indicating whether the host is stopping: executions started now are cancelled at once.</summary>
    public bool IsStopping => _stopping;

    public void StopAccepting() => _stopping = true;

    /// <summary>Claims a schedule for one execution; false when another execution of the schedule holds it.</summary>
    public bool TryClaim(string scheduleId, out ExecutionId? holder)
    {
        if (_claims.TryAdd(scheduleId, null))
        {
            holder = null;
            return true;
        }

        _claims.TryGetValue(scheduleId, out holder);
        return false;
    }

    public void SetClaimHolder(string scheduleId, ExecutionId executionId) => _claims[scheduleId] = executionId;

    public void Release(string scheduleId) => _claims.TryRemove(scheduleId, out _);

    public void Add(RunningExecution running) => _byId[running.Execution.Id] = running;

    public void Remove(ExecutionId executionId) => _byId.TryRemove(executionId, out _);

    public bool TryGet(ExecutionId executionId, out RunningExecution running) => _byId.TryGetValue(executionId, out running!);

    public IReadOnlyCollection<RunningExecution> Snapshot() => _byId.Values.ToArray();
}
