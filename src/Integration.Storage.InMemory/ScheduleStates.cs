namespace Integration.Storage.InMemory;

/// <summary>
/// The in-memory store's schedule states and audit trail: a dictionary and a list under one lock, so that a state and
/// its audit entry change together.
/// </summary>
internal sealed class ScheduleStates(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ScheduleState> _states = new(StringComparer.Ordinal);
    private readonly List<ScheduleAuditEntry> _audit = [];

    public ScheduleState Set(string interfaceId, string scheduleId, bool paused, string? actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        ArgumentNullException.ThrowIfNull(scheduleId);
        lock (_lock)
        {
            var current = _states.GetValueOrDefault(scheduleId) ?? new ScheduleState(scheduleId, Paused: false, ChangedAt: null, ChangedBy: null, Reason: null);
            if (current.Paused == paused)
            {
                return current;
            }

            var now = time.GetUtcNow();
            var state = new ScheduleState(scheduleId, paused, now, actor, reason);
            _states[scheduleId] = state;
            _audit.Add(new ScheduleAuditEntry(scheduleId, interfaceId, paused ? ScheduleAction.Paused : ScheduleAction.Resumed, now, actor, reason));
            return state;
        }
    }

    public IReadOnlyDictionary<string, ScheduleState> All()
    {
        lock (_lock)
        {
            return new Dictionary<string, ScheduleState>(_states, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<ScheduleAuditEntry> Audit(string interfaceId, int limit)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_lock)
        {
            // Appended in order: the newest are last.
            var entries = new List<ScheduleAuditEntry>(Math.Min(limit, 16));
            for (var i = _audit.Count - 1; i >= 0 && entries.Count < limit; i--)
            {
                if (string.Equals(_audit[i].InterfaceId, interfaceId, StringComparison.Ordinal))
                {
                    entries.Add(_audit[i]);
                }
            }

            return entries;
        }
    }
}
