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

        if (!_executions.TryAdd(execution.Id, new Slot(execution.CancelRequest is null ? execution : execution with { CancelRequest = null }, _time.GetUtcNow())))
        {
            if (execution.UniqueKey is { } claimed)
            {
                _keys.TryRemove(new KeyValuePair<string, ExecutionId>(claimed, execution.Id));
            }

            throw new ArgumentException($"Execution {execution.Id} already exists.", nameof(execution));
        }

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
        lock (slot)
        {
            if (slot.Execution.IsEnded)
            {
                return new((Execution?)null);
            }

            var errors = ErrorCountsMax(slot.Execution.Errors, completion.Errors);
            var upgrade = completion.Status == ExecutionStatus.OK && errors.Total > 0;
            slot.Execution = slot.Execution with
            {
                Status = upgrade ? ExecutionStatus.KO : completion.Status,
                Reason = upgrade ? ExecutionReason.Error : completion.Reason,
                EndedAt = completion.EndedAt,
                Errors = errors,
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
            return new(new LeaseRenewal(Renewed: true, slot.CancelRequest));
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

            slot.CancelRequest ??= new CancelRequest(actor, _time.GetUtcNow());
            slot.Execution = slot.Execution with { CancelRequest = slot.CancelRequest };
            return new(slot.CancelRequest);
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

                // Error lines are counted on append under this lock: the counts already match the error lines.
                slot.Execution = slot.Execution with { Status = ExecutionStatus.Abandoned, Reason = ExecutionReason.Abandoned, EndedAt = now };
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

    private Slot SlotOf(ExecutionId executionId)
        => _executions.TryGetValue(executionId, out var slot) ? slot : throw new ExecutionNotFoundException(executionId);

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

        public CancelRequest? CancelRequest { get; set; }

        public List<ExecutionAction> Actions { get; } = [];
    }

    // One pass over every execution: the reference store keeps no index by interface (a SQL store seeks per interface).
    public ValueTask<IReadOnlyList<InterfaceActivity>> GetInterfaceActivityAsync(IReadOnlyList<InterfaceActivityQuery> interfaces, CancellationToken cancellationToken = default)
    {
        InterfaceActivityQuery.Validate(interfaces);
        cancellationToken.ThrowIfCancellationRequested();
        var wanted = new Dictionary<string, (InterfaceActivityQuery Query, InterfaceActivity Activity, Slot? Ko)>(interfaces.Count, StringComparer.Ordinal);
        foreach (var query in interfaces)
        {
            wanted[query.InterfaceId] = (query, new InterfaceActivity { InterfaceId = query.InterfaceId }, null);
        }

        foreach (var slot in _executions.Values)
        {
            var e = slot.Execution;
            if (!wanted.TryGetValue(e.InterfaceId, out var entry))
            {
                continue;
            }

            var a = entry.Activity;
            var counted = e.StartedAt >= entry.Query.Since;
            a = a with
            {
                LastExecution = Newer(a.LastExecution, e),
                Running = e.Status == ExecutionStatus.Running ? Newer(a.Running, e) : a.Running,
                OkSince = a.OkSince + (counted && e.Status == ExecutionStatus.OK ? 1 : 0),
                KoSince = a.KoSince + (counted && e.Status == ExecutionStatus.KO ? 1 : 0),
                HasScheduledExecutions = a.HasScheduledExecutions || e.Kind != ExecutionKind.Daily,
            };
            var ko = entry.Ko;
            if (e.Status == ExecutionStatus.KO && (a.LastKo is null || e.Id > a.LastKo.Id))
            {
                a = a with { LastKo = e };
                ko = slot;
            }

            wanted[e.InterfaceId] = (entry.Query, a, ko);
        }

        var result = new List<InterfaceActivity>(interfaces.Count);
        foreach (var query in interfaces)
        {
            var (_, activity, ko) = wanted[query.InterfaceId];
            var firstError = ko?.Log.Read(0, 1, ExecutionLogLevel.Error) is [var line, ..] ? line.Category ?? ErrorCategory.Technical : (ErrorCategory?)null;
            result.Add(activity with { LastKoFirstError = firstError });
        }

        return new(result);

        static Execution Newer(Execution? current, Execution candidate) => current is null || candidate.Id > current.Id ? candidate : current;
    }
}
