using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// One slot per real-time interface holds the open day. The hot path (today's execution already open) reads the
/// slot and no clock: no lock, no allocation; only in the day's last minute does a call compare the wall clock with
/// the day's end (<see cref="DayEndWatch"/>). Opening a day is serialised per interface in this process, and made
/// unique across processes by the store's unique key (interface, local date).
/// </summary>
/// <remarks>
/// Each node decides by its own clock which day a call belongs to. A day is closed by the first call of the next day
/// (on any node) or by the midnight sweep; a line that arrives after that — a call in flight at midnight, a node whose
/// clock is behind, a retry after an outage — is still recorded in its day, and an error among such late lines turns
/// a day that closed OK into KO (the store enforces it). So nodes need not agree on the instant of midnight. A node's
/// days only move forward: a wall clock set back before the open day's start keeps the open day.
/// </remarks>
internal sealed class DailyExecutions : IDailyExecutions, IDisposable
{
    private readonly FrozenDictionary<string, Slot> _slots;
    private readonly InterfaceCatalog _catalog;
    private readonly ExecutionLifecycle _lifecycle;
    private readonly IExecutionStore _store;
    private readonly TimeProvider _time;
    private readonly string _nodeId;

    public DailyExecutions(InterfaceCatalog catalog, ExecutionLifecycle lifecycle, IOptions<ExecutionsOptions> options)
    {
        _catalog = catalog;
        _lifecycle = lifecycle;
        _store = lifecycle.Store;
        _time = lifecycle.Time;
        _nodeId = options.Value.NodeId;
        _slots = catalog.Registrations
            .Where(r => r.Definition.Mode == InterfaceMode.RealTime)
            .ToFrozenDictionary(r => r.Id, r => new Slot(r), StringComparer.Ordinal);
    }

    public ValueTask<Execution> GetCurrentAsync(string interfaceId, CancellationToken cancellationToken = default)
    {
        var day = GetDayAsync(interfaceId, cancellationToken);
        return day.IsCompletedSuccessfully ? new(day.Result.Execution) : AwaitExecution(day);

        static async ValueTask<Execution> AwaitExecution(ValueTask<DailyDay> pending) => (await pending.ConfigureAwait(false)).Execution;
    }

    public ValueTask<DailyDay> GetDayAsync(string interfaceId, CancellationToken cancellationToken)
    {
        var slot = SlotOf(interfaceId);
        var open = Volatile.Read(ref slot.Current);
        if (open is not null && (!open.EndWatch.Ending || _time.GetUtcNow() < open.Day.End))
        {
            return new(open);
        }

        return OpenDayAsync(slot, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<Execution>> CloseEarlierDaysAsync(string interfaceId, CancellationToken cancellationToken = default)
    {
        var slot = SlotOf(interfaceId);
        var today = LocalDay.Of(_time.GetUtcNow(), slot.Registration.TimeZone);
        var stale = new List<Execution>();
        var query = new ExecutionQuery { ScheduleId = slot.Registration.Schedule.Id, Kind = ExecutionKind.Daily, Status = ExecutionStatus.Running, Limit = ExecutionQuery.MaxLimit };
        await foreach (var execution in _store.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (execution.Window.To <= today.Start)
            {
                stale.Add(execution);
            }
        }

        var closed = new List<Execution>();
        foreach (var execution in stale)
        {
            if (await CloseAsync(slot, execution, cancellationToken).ConfigureAwait(false) is { } ended)
            {
                closed.Add(ended);
            }
        }

        // This node's own day may have been closed by another node: what it still owes (lost lines) goes in as late lines.
        if (Volatile.Read(ref slot.Current) is { } current && current.Day.End <= today.Start && !stale.Exists(e => e.Id == current.Execution.Id))
        {
            await _lifecycle.SettleAsync(current.Log).ConfigureAwait(false);
        }

        return closed;
    }

    /// <summary>
    /// Settles this node's logs of today and yesterday (the host is stopping): lines in flight are waited for — a call
    /// that was in flight at midnight may still be writing into yesterday — and lost ones counted.
    /// </summary>
    public async Task SettleAllAsync()
    {
        foreach (var slot in _slots.Values)
        {
            foreach (var day in new[] { Volatile.Read(ref slot.Previous), Volatile.Read(ref slot.Current) })
            {
                if (day is not null)
                {
                    await _lifecycle.SettleAsync(day.Log).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Stops the timers of the open days.</summary>
    public void Dispose()
    {
        foreach (var slot in _slots.Values)
        {
            Volatile.Read(ref slot.Current)?.EndWatch.Dispose();
        }
    }

    private async ValueTask<DailyDay> OpenDayAsync(Slot slot, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var open = slot.Current;
            if (open is not null && now < open.Day.End)
            {
                return open;
            }

            var registration = slot.Registration;
            var day = LocalDay.Of(now, registration.TimeZone);
            var candidate = new Execution
            {
                Id = ExecutionId.New(now),
                InterfaceId = registration.Id,
                ScheduleId = registration.Schedule.Id,
                Kind = ExecutionKind.Daily,
                Trigger = ExecutionTrigger.Call,
                Window = day.Window,
                UniqueKey = UniqueKeys.Daily(registration.Id, day.Date),
                StartedAt = now,
                NodeId = _nodeId,
                HeartbeatAt = now,
            };
            var creation = await _store.CreateAsync(candidate, cancellationToken).ConfigureAwait(false);
            var execution = creation.Execution;
            if (creation.Created)
            {
                _lifecycle.Started(execution);
            }

            var next = new DailyDay(registration, day, execution, _lifecycle.OpenLog(registration.Definition, execution), new DayEndWatch(_time, day.End));
            if (open is not null && open.Execution.Id != execution.Id)
            {
                Volatile.Write(ref slot.Previous, open);
            }

            Volatile.Write(ref slot.Current, next);
            open?.EndWatch.Dispose();
            if (open is not null && open.Execution.Id != execution.Id)
            {
                // The previous day's calls still in flight keep writing into it; what this node wrote there is settled now.
                await _lifecycle.SettleAsync(open.Log).ConfigureAwait(false);
            }

            await CloseEarlierDaysAsync(registration.Id, cancellationToken).ConfigureAwait(false);
            return next;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>
    /// Ends a daily execution. This node's own lines for it are settled first; the store keeps its own error counts
    /// (every node's error lines) and ends the day KO when it holds an error line.
    /// </summary>
    private async ValueTask<Execution?> CloseAsync(Slot slot, Execution execution, CancellationToken cancellationToken)
    {
        var errors = default(ErrorCounts);
        ErrorCategory? firstError = null;
        if (Volatile.Read(ref slot.Current) is { } current && current.Execution.Id == execution.Id)
        {
            await _lifecycle.SettleAsync(current.Log).ConfigureAwait(false);
            errors = current.Log.Errors;
            firstError = current.Log.FirstErrorCategory;
        }

        var (status, reason) = ExecutionLifecycle.Outcome(errors, ExecutionReason.None);
        return await _lifecycle.CompleteAsync(execution, status, reason, errors, durationExceeded: false, firstError, cancellationToken).ConfigureAwait(false);
    }

    private Slot SlotOf(string interfaceId)
    {
        ArgumentNullException.ThrowIfNull(interfaceId);
        if (_slots.TryGetValue(interfaceId, out var slot))
        {
            return slot;
        }

        _ = _catalog.GetRegistration(interfaceId);
        throw new InvalidOperationException($"Interface '{interfaceId}' is scheduled: it has no daily execution. Daily executions belong to real-time interfaces.");
    }

    private sealed class Slot(InterfaceRegistration registration)
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DailyDay? Current;

        /// <summary>The day before <see cref="Current"/>, whose calls in flight at midnight may still write into it.</summary>
        public DailyDay? Previous;

        public InterfaceRegistration Registration { get; } = registration;
    }
}
