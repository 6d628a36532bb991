using System.Collections.Concurrent;

namespace Integration;

/// <summary>The executions this node is running, by id and by schedule (for the overlap policy).</summary>
/// <remarks>
/// Each execution adds and removes itself here (the scheduler's thread adds while the thread pool's remove), so both
/// maps keep contention low: the running executions sit in fixed stripes, each a plain dictionary under its own lock,
/// and a schedule's claim is a slot created once per schedule, taken and released with a compare-exchange instead of
/// a dictionary insert and removal each time. No operation takes more than one stripe's lock: a snapshot (the sweep's,
/// every 30 seconds) copies one stripe after another, where <see cref="ConcurrentDictionary{TKey, TValue}.Values"/>
/// would stop every writer until the copy is done, and a stripe grows alone, with no node allocated per entry.
/// </remarks>
internal sealed class RunningExecutions
{
    // Enough stripes that two threads seldom meet on one (a power of two: the stripe is the hash's low bits).
    private const int Stripes = 64;

    private readonly Stripe[] _byId = [.. Enumerable.Range(0, Stripes).Select(_ => new Stripe())];
    private readonly ConcurrentDictionary<string, ClaimSlot> _claims = new(StringComparer.Ordinal);

    private volatile bool _stopping;

    public int Count => _byId.Sum(static stripe => stripe.Count);

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

    public void Add(RunningExecution running) => StripeOf(running.Execution.Id).Add(running);

    public void Remove(ExecutionId executionId) => StripeOf(executionId).Remove(executionId);

    public bool TryGet(ExecutionId executionId, out RunningExecution running) => StripeOf(executionId).TryGet(executionId, out running);

    public IReadOnlyCollection<RunningExecution> Snapshot()
    {
        var all = new List<RunningExecution>();
        foreach (var stripe in _byId)
        {
            stripe.CopyTo(all);
        }

        return all;
    }

    private Stripe StripeOf(ExecutionId executionId) => _byId[executionId.GetHashCode() & (Stripes - 1)];

    private ClaimSlot Slot(string scheduleId)
        => _claims.TryGetValue(scheduleId, out var slot) ? slot : _claims.GetOrAdd(scheduleId, static _ => new ClaimSlot());

    /// <summary>Some of the running executions, under their own lock.</summary>
    private sealed class Stripe
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<ExecutionId, RunningExecution> _executions = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _executions.Count;
                }
            }
        }

        public void Add(RunningExecution running)
        {
            lock (_gate)
            {
                _executions[running.Execution.Id] = running;
            }
        }

        public void Remove(ExecutionId executionId)
        {
            lock (_gate)
            {
                _executions.Remove(executionId);
            }
        }

        public bool TryGet(ExecutionId executionId, out RunningExecution running)
        {
            lock (_gate)
            {
                return _executions.TryGetValue(executionId, out running!);
            }
        }

        public void CopyTo(List<RunningExecution> all)
        {
            lock (_gate)
            {
                all.AddRange(_executions.Values);
            }
        }
    }

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
