using System.Collections.Concurrent;

namespace Integration.Storage.InMemory;

/// <summary>
/// The reference <see cref="IExecutionStore"/>: everything in memory, in one process. Unique keys are claimed in a
/// concurrent dictionary; each execution's log is its own lock-free buffer, so appends to different executions
/// never contend and appends to one execution contend only on one interlocked increment.
/// </summary>
internal sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<ExecutionId, Slot> _executions = new();
    private readonly ConcurrentDictionary<string, ExecutionId> _keys = new(StringComparer.Ordinal);

    public ValueTask<ExecutionCreation> CreateAsync(Execution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        cancellationToken.ThrowIfCancellationRequested();
        if (execution.UniqueKey is { } key && !_keys.TryAdd(key, execution.Id))
        {
            return new(new ExecutionCreation(WaitForSlot(_keys[key]).Execution, Created: false));
        }

        if (!_executions.TryAdd(execution.Id, new Slot(execution)))
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

        return new(slot.Log.Append(entry));
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

    private sealed class Slot(Execution execution)
    {
        public Execution Execution { get; set; } = execution;

        public LogBuffer Log { get; } = new();
    }
}
