using System.Collections.Concurrent;

namespace Integration.Storage.InMemory;

/// <summary>
/// The reference <see cref="IExecutionStore"/>: everything in memory, in one process. Unique keys are claimed in a
/// concurrent dictionary; each execution's log is its own lock-free buffer, so appends to different executions
/// never contend and appends to one execution contend only on one interlocked increment. An error line takes the
/// execution's lock, so its count (and an OK → KO upgrade) changes with the append, atomically against completion
/// and abandonment. Leases are read from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<ExecutionId, Slot> _executions = new();
    private readonly ConcurrentDictionary<string, ExecutionId> _keys = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ScheduleStates _schedules;
    private readonly RunRequests _runRequests;

    public InMemoryExecutionStore()
        : this(TimeProvider.System)
    {
    }

    public InMemoryExecutionStore(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _schedules = new ScheduleStates(time);
        _runRequests = new RunRequests(time);
    }

    /// <summary>Gets or sets a test seam: called by a purge between removing an execution and freeing its unique key.</summary>
    internal Action? PurgeRemovedExecution { get; set; }

    /// <summary>Gets or sets a test seam: called when a unique key's holder is not (or no longer) in the store.</summary>
    internal Action? KeyHolderMissing { get; set; }

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        cancellationToken.ThrowIfCancellationRequested();
        if (execution.UniqueKey is { } key)
        {
            var wait = default(SpinWait);
            while (!_keys.TryAdd(key, execution.Id))
            {
                if (HolderOf(key) is { } holder)
                {
                    return new(new ExecutionCreation(holder.Execution, Created: false));
                }

                // The key's holder is being added, or was just purged and its key is being freed: try again.
                wait.SpinOnce();
            }
        }

        var slot = new Slot(execution.CancelRequest is null ? execution : execution with { CancelRequest = null }, _time.GetUtcNow());
        if (!_executions.TryAdd(execution.Id, slot))
        {
            if (execution.UniqueKey is { } claimed)
            {
                _keys.TryRemove(new KeyValuePair<string, ExecutionId>(claimed, execution.Id));
            }

            throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution));
        }

        AddOpen(slot);
        return new(new ExecutionCreation(execution, Created: true));
    }

    public ValueTask<Execution?> GetAsync(ExecutionId executionId, CancellationToken cancellationToken = default)
        => new(_executions.TryGetValue(executionId, out var slot) ? slot.Execution : null);

    public ValueTask<Execution?> FindByUniqueKeyAsync(string uniqueKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uniqueKey);
        var wait = default(SpinWait);
        while (_keys.ContainsKey(uniqueKey))
        {
            if (HolderOf(uniqueKey) is { } holder)
            {
                return new(holder.Execution);
            }

            wait.SpinOnce();
        }

        return new((Execution?)null);
    }

    public ValueTask<long> AppendAsync(ExecutionId executionId, LogEntry entry, CancellationToken cancellationToken = default)
    {
        if (!_executions.TryGetValue(executionId, out var slot))
        {
            return ValueTask.FromException<long>(new ExecutionNotFoundException(executionId));
        }

        // Fencing: the node that lost the lease of an abandoned execution must not add to it.
        if (!entry.IsError)
        {
            return new(slot.Execution.Status == ExecutionStatus.Abandoned ? 0 : slot.Log.Append(entry));
        }

        lock (slot)
        {
            var execution = slot.Execution;
            if (execution.Status == ExecutionStatus.Abandoned)
            {
                return new(0L);
            }

            var sequence = slot.Log.Append(entry);
            var upgrade = execution.Status == ExecutionStatus.OK;
            slot.Execution = execution with
            {
                Errors = execution.Errors.Add(entry.Category ?? ErrorCategory.Technical),
                Status = upgrade ? ExecutionStatus.KO : execution.Status,
                Reason = upgrade ? ExecutionReason.Error : execution.Reason,
            };
            return new(sequence);
        }
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
        Execution ended;
        lock (slot)
        {
            if (slot.Execution.IsEnded)
            {
                return new((Execution?)null);
            }

            var errors = ErrorCountsMax(slot.Execution.Errors, completion.Errors);
            var upgrade = completion.Status == ExecutionStatus.OK && errors.Total > 0;
            ended = slot.Execution = slot.Execution with
            {
                Status = upgrade ? ExecutionStatus.KO : completion.Status,
                Reason = upgrade ? ExecutionReason.Error : completion.Reason,
                EndedAt = completion.EndedAt,
                Errors = errors,
                DurationExceeded = slot.Execution.DurationExceeded || completion.DurationExceeded,
            };
        }

        // Out of the slot's lock: no caller holds a slot's lock while it takes a stripe's.
        RemoveOpen(slot);

        return new(ended);
    }

    public ValueTask<ExecutionPage> QueryAsync(ExecutionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var matches = Slots
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

    public async ValueTask<bool> RenewLeaseAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
        => (await RenewLeaseAndReadCancelAsync(executionId, nodeId, cancellationToken).ConfigureAwait(false)).Renewed;

    public ValueTask<LeaseRenewal> RenewLeaseAndReadCancelAsync(ExecutionId executionId, string nodeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        if (!_executions.TryGetValue(executionId, out var slot))
        {
            return new(new LeaseRenewal(Renewed: false, CancelRequest: null));
        }

        lock (slot)
        {
            if (slot.Execution.IsEnded || !string.Equals(slot.Execution.NodeId, nodeId, StringComparison.Ordinal))
            {
                return new(new LeaseRenewal(Renewed: false, CancelRequest: null));
            }

            slot.LeaseAt = _time.GetUtcNow();
            slot.Execution = slot.Execution with { HeartbeatAt = slot.LeaseAt };
            return new(new LeaseRenewal(Renewed: true, slot.Execution.CancelRequest));
        }
    }

    public ValueTask<CancelRequest?> RequestCancelAsync(ExecutionId executionId, string? actor, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(executionId);
        lock (slot)
        {
            if (slot.Execution.IsEnded)
            {
                return new((CancelRequest?)null);
            }

            if (slot.Execution.CancelRequest is null)
            {
                slot.Execution = slot.Execution with { CancelRequest = new CancelRequest(actor, _time.GetUtcNow()) };
            }

            return new(slot.Execution.CancelRequest);
        }
    }

    public ValueTask<int> AbandonExpiredAsync(TimeSpan leaseTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaseTimeout, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var abandoned = 0;
        // Only the open executions, copied one stripe's lock at a time: creators and enders wait for one stripe's copy at most.
        foreach (var slot in _open.Snapshot())
        {
            if (Abandon(slot, now, leaseTimeout))
            {
                abandoned++;
            }
        }

        return new(abandoned);
    }

    public ValueTask<int> PurgeAsync(DateTimeOffset endedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batch = Slots
            .Select(s => s.Execution)
            .Where(e => e.IsEnded && e.EndedAt < endedBefore)
            .OrderBy(e => e.EndedAt)
            .Take(batchSize)
            .ToList();
        foreach (var execution in batch)
        {
            // An ended execution has left the open index already: taking it out again keeps the index a subset of the map.
            if (_executions.TryRemove(execution.Id, out var slot))
            {
                RemoveOpen(slot);
            }

            PurgeRemovedExecution?.Invoke();
            if (execution.UniqueKey is { } key)
            {
                _keys.TryRemove(new KeyValuePair<string, ExecutionId>(key, execution.Id));
            }
        }

        return new(batch.Count);
    }

    public ValueTask<ScheduleState> SetSchedulePausedAsync(string interfaceId, string scheduleId, bool paused, string? actor, string? reason, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_schedules.Set(interfaceId, scheduleId, paused, actor, reason));
    }

    public ValueTask<IReadOnlyDictionary<string, ScheduleState>> GetScheduleStatesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_schedules.All());
    }

    public ValueTask<IReadOnlyList<ScheduleAuditEntry>> ReadScheduleAuditAsync(string interfaceId, int limit, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_schedules.Audit(interfaceId, limit));
    }

    public ValueTask<RunRequest> RequestRunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_runRequests.Add(request));
    }

    public ValueTask<IReadOnlyList<RunRequest>> ClaimRunRequestsAsync(string nodeId, IReadOnlyCollection<string> interfaceIds, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_runRequests.Claim(nodeId, interfaceIds, limit, claimTimeout));
    }

    public ValueTask<bool> MarkRunRequestStartedAsync(Guid requestId, ExecutionId executionId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_runRequests.MarkStarted(requestId, executionId));
    }

    public ValueTask<RunRequest?> GetRunRequestAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(_runRequests.Get(requestId));
    }

    private static bool Matches(Execution e, ExecutionQuery q)
        => (q.InterfaceId is null || e.InterfaceId == q.InterfaceId)
        && (q.ScheduleId is null || e.ScheduleId == q.ScheduleId)
        && (q.Status is null || e.Status == q.Status)
        && (q.Kind is null || e.Kind == q.Kind)
        && (q.RerunOf is null || e.RerunOf == q.RerunOf)
        && (q.StartedFrom is null || e.StartedAt >= q.StartedFrom)
        && (q.StartedBefore is null || e.StartedAt < q.StartedBefore)
        && (q.Before is null || e.Id < q.Before.Value);

    /// <summary>Gets every execution's slot, read without a lock: the store's creators go on while a scan runs.</summary>
    /// <remarks>
    /// <see cref="ConcurrentDictionary{TKey, TValue}.Values"/> copies the map under all of its locks, which stops every
    /// creation for as long as the copy of a large store takes. A scan sees each
    /// execution present throughout it, and those created or purged meanwhile or not, as a query racing a writer would.
    /// </remarks>
    private IEnumerable<Slot> Slots
    {
        get
        {
            foreach (var pair in _executions)
            {
                yield return pair.Value;
            }
        }
    }

    private Slot SlotOf(ExecutionId executionId)
        => _executions.TryGetValue(executionId, out var slot) ? slot : throw new ExecutionNotFoundException(executionId);

    private bool Abandon(Slot slot, DateTimeOffset now, TimeSpan leaseTimeout)
    {
        SweepVisiting?.Invoke(slot.Execution.Id);
        lock (slot)
        {
            // Ended since the sweep copied its stripe (its ender takes it out of the index), or its lease was renewed.
            if (slot.Execution.IsEnded || slot.LeaseAt > now - leaseTimeout)
            {
                return false;
            }

            // Error lines are counted on append under this lock: the counts already match the error lines.
            slot.Execution = slot.Execution with { Status = ExecutionStatus.Abandoned, Reason = ExecutionReason.Abandoned, EndedAt = now };
        }

        RemoveOpen(slot);
        return true;
    }

    private static ErrorCounts ErrorCountsMax(ErrorCounts a, ErrorCounts b) => new(
        Math.Max(a.External, b.External),
        Math.Max(a.Configuration, b.Configuration),
        Math.Max(a.Mapping, b.Mapping),
        Math.Max(a.Technical, b.Technical),
        Math.Max(a.Cascade, b.Cascade));

    // The key is claimed just before the execution is added, and freed just after it is purged: in between, the key
    // names an execution the store does not hold. The caller spins and looks again, so it sees the holder once added,
    // or the key free once purged; it never waits on an execution that will not come back.
    private Slot? HolderOf(string key)
    {
        if (_keys.TryGetValue(key, out var id) && _executions.TryGetValue(id, out var slot))
        {
            return slot;
        }

        KeyHolderMissing?.Invoke();
        return null;
    }

    private sealed class Slot(Execution execution, DateTimeOffset leaseAt)
    {
        public Execution Execution { get => Volatile.Read(ref field); set => Volatile.Write(ref field, value); } = execution;

        public DateTimeOffset LeaseAt { get; set; } = leaseAt;

        public LogBuffer Log { get; } = new();

        public List<ExecutionAction> Actions { get; } = [];
    }
}
