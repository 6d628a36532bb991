namespace Integration;

/// <summary>
/// Values by execution id in fixed stripes, each a plain dictionary under its own lock: the runtime's running
/// executions and the in-memory store's open executions, both added on the scheduler's thread and removed on the thread
/// pool's, and both read whole by a sweep every 30 seconds.
/// </summary>
/// <remarks>
/// No operation takes more than one stripe's lock: a snapshot copies one stripe after another, where
/// <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}.Values"/> would stop every writer until
/// the copy is done, and a stripe grows alone, with no node allocated per entry. The stripe is the id's hash, never an
/// object's identity hash: that one is written into the object's header, and a header holding it sends every later
/// <c>lock</c> on the object to the monitor's slow path.
/// </remarks>
/// <typeparam name="TValue">What is kept per execution.</typeparam>
internal sealed class ExecutionStripes<TValue>
    where TValue : class
{
    // Enough stripes that two threads seldom meet on one (a power of two: the stripe is the hash's low bits).
    private const int StripeCount = 64;

    private readonly Stripe[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new Stripe())];

    public int Count => _stripes.Sum(static stripe => stripe.Count);

    public void Add(ExecutionId executionId, TValue value) => StripeOf(executionId).Add(executionId, value);

    public void Remove(ExecutionId executionId) => StripeOf(executionId).Remove(executionId);

    public bool TryGet(ExecutionId executionId, out TValue value) => StripeOf(executionId).TryGet(executionId, out value);

    /// <summary>Copies every value, one stripe's lock at a time.</summary>
    public List<TValue> Snapshot()
    {
        var all = new List<TValue>();
        foreach (var stripe in _stripes)
        {
            stripe.CopyTo(all);
        }

        return all;
    }

    private Stripe StripeOf(ExecutionId executionId) => _stripes[executionId.GetHashCode() & (StripeCount - 1)];

    private sealed class Stripe
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<ExecutionId, TValue> _values = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _values.Count;
                }
            }
        }

        public void Add(ExecutionId executionId, TValue value)
        {
            lock (_gate)
            {
                _values[executionId] = value;
            }
        }

        public void Remove(ExecutionId executionId)
        {
            lock (_gate)
            {
                _values.Remove(executionId);
            }
        }

        public bool TryGet(ExecutionId executionId, out TValue value)
        {
            lock (_gate)
            {
                return _values.TryGetValue(executionId, out value!);
            }
        }

        public void CopyTo(List<TValue> all)
        {
            lock (_gate)
            {
                all.AddRange(_values.Values);
            }
        }
    }
}
