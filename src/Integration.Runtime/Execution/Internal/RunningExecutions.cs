using System.Collections.Concurrent;

namespace Integration;

/// <summary>The executions this node is running, by id and by schedule (for the overlap policy).</summary>
/// <remarks>
/// Each execution adds and removes itself here (the scheduler's thread adds while the thread pool's remove), so both
/// maps keep contention low: the running executions sit in <see cref="ExecutionStripes{TValue}"/>, and a schedule's
/// claim is a slot created once per schedule, taken and released with a compare-exchange instead of a dictionary
/// insert and removal each time.
/// </remarks>
internal sealed class RunningExecutions
{
    private readonly ExecutionStripes<RunningExecution> _byId = new();
    private readonly ConcurrentDictionary<string, ClaimSlot> _claims = new(StringComparer.Ordinal);

    private volatile bool _stopping;

    public int Count => _byId.Count;

    /// <summary>Gets a value indicating whether the host is stopping: executions started now are cancelled at once.</summary>
    public bool IsStopping => _stopping;

    public void StopAccepting() => _stopping = true;

    /// <summary>Claims a schedule for one execution; false when another execution of the schedule holds it.</summary>
    /// <param name="scheduleId">The schedule.</param>
    /// <param name="holder">When the claim is held already, the execution holding it (null until the holder has set itself).</param>
    public bool TryClaim(string scheduleId, out ExecutionId? holder)
    {
        var slot = Slot(scheduleId);
        if (slot.TryTake())
        {
            holder = null;
            return true;
        }

        holder = slot.Holder;
        return false;
    }

    public void SetClaimHolder(string scheduleId, ExecutionId executionId) => Slot(scheduleId).Holder = executionId;

    public void Release(string scheduleId)
    {
        if (_claims.TryGetValue(scheduleId, out var slot))
        {
            slot.Release();
        }
    }

    public void Add(RunningExecution running) => _byId.Add(running.Execution.Id, running);

    public void Remove(ExecutionId executionId) => _byId.Remove(executionId);

    public bool TryGet(ExecutionId executionId, out RunningExecution running) => _byId.TryGet(executionId, out running);

    public IReadOnlyCollection<RunningExecution> Snapshot() => _byId.Snapshot();

    private ClaimSlot Slot(string scheduleId)
        => _claims.TryGetValue(scheduleId, out var slot) ? slot : _claims.GetOrAdd(scheduleId, static _ => new ClaimSlot());

    /// <summary>One schedule's claim: free or held, and by which execution once it has set itself.</summary>
    private sealed class ClaimSlot
    {
        private readonly Lock _holderGate = new();
        private ExecutionId? _holder;
        private int _held;

        public ExecutionId? Holder
        {
            get
            {
                lock (_holderGate)
                {
                    return _holder;
                }
            }

            set
            {
                lock (_holderGate)
                {
                    _holder = value;
                }
            }
        }

        public bool TryTake() => Interlocked.CompareExchange(ref _held, 1, 0) == 0;

        public void Release()
        {
            Holder = null;
            Volatile.Write(ref _held, 0);
        }
    }
}
