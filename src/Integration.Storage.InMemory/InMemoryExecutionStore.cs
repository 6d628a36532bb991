using System.Collections.Concurrent;

namespace Integration.Storage.InMemory;

/// <summary>
/// The reference <see cref="IExecutionStore"/>: everything in memory, in one process. Unique keys are claimed in a
/// concurrent dictionary; each execution's log is its own lock-free buffer, so appends to different executions
/// never contend and appends to one execution contend only on one interlocked increment. Leases are read from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<ExecutionId, Slot> _executions = new();
    private readonly ConcurrentDictionary<string, ExecutionId> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public InMemoryExecutionStore()
        : this(TimeProvider.System)
    {
    }

    public InMemoryExecutionStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        cancellationToken.ThrowIfCancellationRequested();
        if (execution.UniqueKey is { } key && !_keys.TryAdd(key, execution.Id))
        {
            return new(new ExecutionCreation(WaitForSlot(_keys[key]).Execution, Created: false));
        }

        if (!_executions.TryAdd(execution.Id, new Slot(execution, _time.GetUtcNow())))
        {
            throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution));
        }

        return new(new ExecutionCreation(execution, Created: true));
    }

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => new(_executions.TryGetValue(executionId, out var slot) ? slot.Execution : null);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uniqueKey);
        return new(_keys.TryGetValue(uniqueKey, out var id) ? WaitForSlot(id).Execution : null);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
    {
        if (!_executions.TryGetValue(executionId, out var slot))
        {
            return ValueTask.FromException<long>(new ExecutionNotFoundException(executionId));
        }

        // Fencing: the node that lost the lease of an abandoned execution must not add to it.
        return new(slot.Execution.Status == ExecutionStatus.Abandoned ? 0 : slot.Log.Append(entry));
    }

    public ValueTask<bool> MarkDurationExceededAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(executionId);
        lock (slot)
        {
            if (slot.Execution.DurationExceeded || slot.Execution.IsEnded)
            {
                return new(false);
            }

            slot.Execution = slot.Execution with { DurationExceeded = true };
            return new(true);
        }
    }

    public ValueTask<Execution?> CompleteAsync(ExecutionCompletion completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        if (completion.Status == ExecutionStatus.Running)
        {
            throw new ArgumentException("An execution cannot be completed as Running.", nameof(completion));
        }

        var slot = SlotOf(completion.ExecutionId);
        lock (slot)
        {
            if (slot.Execution.IsEnded)
            {
                return new((Execution?)null);
            }

            slot.Execution = slot.Execution with
            {
                Status = completion.Status,
                Reason = completion.Reason,
                EndedAt = completion.EndedAt,
                Errors = completion.Errors,
                DurationExceeded = slot.Execution.DurationExceeded || completion.DurationExceeded,
            };
            return new(slot.Execution);
        }
    }

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var matches = _executions.Values
            .Select(s => s.Execution)
            .Where(e => Matches(e, query))
            .OrderByDescending(e => e.Id)
            .Take(query.Limit + 1)
            .ToList();
        ExecutionId? next = null;
        if (matches.Count > query.Limit)
        {
            matches.RemoveAt(matches.Count - 1);
            next = matches[^1].Id;
        }

        return new(new ExecutionPage(matches, next));
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadLogAsync(ExecutionId executionId, LogQuery query, CancellationToken cancellationToken = default)
    {
        query.Validate();
        var slot = SlotOf(executionId);
        return new(slot.Log.Read(query.AfterSequence, query.Limit, query.MinLevel));
    }

    public ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        if (!_executions.TryGetValue(executionId, out var slot))
        {
            return new(false);
        }

        lock (slot)
        {
            if (slot.Execution.IsEnded || !string.Equals(slot.Execution.NodeId, nodeId, StringComparison.Ordinal))
            {
                return new(false);
            }

            slot.LeaseAt = _time.GetUtcNow();
            slot.Execution = slot.Execution with { HeartbeatAt = slot.LeaseAt };
            return new(true);
        }
    }

    public ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTimeout, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var abandoned = 0;
        foreach (var slot in _executions.Values)
        {
            lock (slot)
            {
                // Daily executions have no owning node: they stay open all day and are closed by the day's roll-over.
                if (slot.Execution.IsEnded || slot.Execution.Kind == ExecutionKind.Daily || slot.LeaseAt > now - leaseTimeout)
                {
                    continue;
                }

                slot.Execution = slot.Execution with { Status = ExecutionStatus.Abandoned, Reason = ExecutionReason.Abandoned, EndedAt = now };
            }

            // The status is set first, so no line can be appended once the errors are counted.
            var errors = default(ErrorCounts);
            foreach (var line in slot.Log.Read(0, int.MaxValue, ExecutionLogLevel.Error))
            {
                errors = errors.Add(line.Category ?? ErrorCategory.Technical);
            }

            lock (slot)
            {
                slot.Execution = slot.Execution with { Errors = errors };
            }

            abandoned++;
        }

        return new(abandoned);
    }

    public ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = _executions.Values
            .Select(s => s.Execution)
            .Where(e => e.IsEnded && e.EndedAt < endedBefore)
            .OrderBy(e => e.EndedAt)
            .Take(batchSize)
            .ToList();
        foreach (var execution in batch)
        {
            _executions.TryRemove(execution.Id, out _);
            if (execution.UniqueKey is { } key)
            {
                _keys.TryRemove(new KeyValuePair<string, ExecutionId>(key, execution.Id));
            }
        }

        return new(batch.Count);
    }

    private static bool Matches(Execution e, ExecutionQuery q)
        => (q.InterfaceId is null || e.InterfaceId == q.InterfaceId)
        && (q.ScheduleId is null || e.ScheduleId == q.ScheduleId)
        && (q.Status is null || e.Status == q.Status)
        && (q.Kind is null || e.Kind == q.Kind)
        && (q.StartedFrom is null || e.StartedAt >= q.StartedFrom)
        && (q.StartedBefore is null || e.StartedAt < q.StartedBefore)
        && (q.Before is null || e.Id < q.Before.Value);

    private Slot SlotOf(ExecutionId executionId)
        => _executions.TryGetValue(executionId, out var slot) ? slot : throw new ExecutionNotFoundException(executionId);

    // The key is claimed just before the execution is added: a loser of the race may see the key first.
    private Slot WaitForSlot(ExecutionId executionId)
    {
        var wait = default(SpinWait);
        Slot? slot;
        while (!_executions.TryGetValue(executionId, out slot))
        {
            wait.SpinOnce();
        }

        return slot;
    }

    private sealed class Slot(Execution execution, DateTimeOffset leaseAt)
    {
        public Execution Execution { get => Volatile.Read(ref field); set => Volatile.Write(ref field, value); } = execution;

        public DateTimeOffset LeaseAt { get; set; } = leaseAt;

        public LogBuffer Log { get; } = new();
    }
}
