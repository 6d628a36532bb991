using System.Runtime.ExceptionServices;

namespace Integration;

/// <summary>The scheduler's pass: what each registration owes at a wake, decided in turn, then created concurrently.</summary>
internal sealed partial class Scheduler
{
    /// <summary>The most creates (and first reads of what a schedule ran last) one pass has in flight at once.</summary>
    internal const int CreatesInFlight = 8;

    private readonly Dictionary<string, ScheduleCursor> _cursors = new(StringComparer.Ordinal);
    private readonly List<(int Index, string InterfaceId, Exception Error)> _failures = [];
    private readonly Lock _failuresLock = new();
    private readonly string _nodeId = options.Value.NodeId;
    private readonly List<(InterfaceRegistration Registration, ScheduleCursor Cursor, int Index)> _registrations = [];
    private readonly List<PassWork> _work = [];
    private readonly List<PassWork> _buffer = [];
    private Func<PassWork, CancellationToken, Task>? _doAsync;

    /// <summary>
    /// Does the due work of every registration; throws when any failed, after trying them all, so that the pipeline
    /// backs off and tries again. A registration's first successful pass reads what it ran last from the store.
    /// </summary>
    private async ValueTask PassAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        _waits.Woken();
        _failures.Clear();
        var now = time.GetUtcNow();
        var statesError = await ReadStatesAsync(cancellationToken).ConfigureAwait(false);

        // The pass's lists are kept from one pass to the next (passes never overlap): a pass over 1,000 schedules
        // allocates no list of its own.
        var registrations = _registrations;
        registrations.Clear();
        var index = 0;
        foreach (var registration in catalog.Registrations)
        {
            if (statesError is not null && registration.Cron is not null)
            {
                // Without the states, a paused schedule cannot be told from a running one: none fires on this attempt.
                Failed(index++, registration.Id, statesError);
                continue;
            }

            if (!_cursors.TryGetValue(registration.Id, out var cursor))
            {
                cursor = _cursors[registration.Id] = new ScheduleCursor();
            }

            registrations.Add((registration, cursor, index++));
        }

        // What ran last is in the store: occurrences after it were missed while this host was down (or while the store
        // was, since this host started). Read once per schedule, concurrently for a host with many.
        if (registrations.Exists(static r => r.Registration.Cron is not null && r.Cursor.LastFired is null))
        {
            var unread = registrations.FindAll(static r => r.Registration.Cron is not null && r.Cursor.LastFired is null);
            await BoundedFanOut.RunAsync(unread, CreatesInFlight, (r, ct) => ReadLastFiredAsync(r.Registration, r.Cursor, r.Index, startedAt, ct), cancellationToken).ConfigureAwait(false);
        }

        // Every decision (pause, resume, misfire) is taken before anything of this pass is created.
        var work = _work;
        work.Clear();
        var earliest = now;
        foreach (var (registration, cursor, i) in registrations)
        {
            if (registration.Cron is { } cron)
            {
                if (cursor.LastFired is not null && Plan(registration, cron, cursor, i, now) is { } owed)
                {
                    work.Add(owed);
                    earliest = owed.Runs[0].Occurrence < earliest ? owed.Runs[0].Occurrence : earliest;
                }
            }
            else if (cursor.NextMidnight is not { } midnight || midnight <= now)
            {
                work.Add(new PassWork(registration, cursor, [], now, i));
            }
        }

        PassOrder.Walk(work, _buffer, PassOrder.Start(_nodeId, earliest, work.Count), PassOrder.Stride(_nodeId, earliest, work.Count));
        try
        {
            await BoundedFanOut.RunAsync(work, CreatesInFlight, _doAsync ??= DoAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Holds no registration's runs until the next pass.
            work.Clear();
        }

        _failures.Sort(static (x, y) => x.Index.CompareTo(y.Index));
        if (_failures.Count == 1)
        {
            ExceptionDispatchInfo.Throw(_failures[0].Error);
        }

        if (_failures.Count > 1)
        {
            throw new AggregateException(_failures.Select(f => f.Error));
        }

        if (_failedAttempts > 0)
        {
            SchedulerLog.StoreBack(logger, _failedAttempts);
            _failedAttempts = 0;
        }
    }

    private void Failed(int index, string interfaceId, Exception error)
    {
        lock (_failuresLock)
        {
            _failures.Add((index, interfaceId, error));
        }
    }

    /// <summary>Reads the persisted schedule states, once for all schedules; gives the failure, if any.</summary>
    private async Task<Exception?> ReadStatesAsync(CancellationToken cancellationToken)
    {
        if (!catalog.Registrations.Any(r => r.Cron is not null))
        {
            return null;
        }

        try
        {
            _states = await store.GetScheduleStatesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    private async Task ReadLastFiredAsync(InterfaceRegistration registration, ScheduleCursor cursor, int index, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        try
        {
            cursor.LastFired = await LastOccurrenceAsync(registration, cancellationToken).ConfigureAwait(false) ?? startedAt;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(index, registration.Id, e);
        }
    }

    /// <summary>Decides what a schedule owes on this pass; null when nothing is to be created (its cursor is moved then).</summary>
    private PassWork? Plan(InterfaceRegistration registration, CronSchedule cron, ScheduleCursor cursor, int index, DateTimeOffset now)
    {
        var after = cursor.LastFired!.Value;

        // Until its first successful pass, even a single due occurrence was missed (host down, or store down at start).
        var missedOnly = !cursor.CaughtUp;
        if (!registration.Enabled)
        {
            cursor.LastFired = now;
            cursor.CaughtUp = true;
            return null;
        }

        if (registration.EnabledSince is { } since && since > after)
        {
            // Occurrences that passed while the schedule was disabled are not owed.
            after = since;
            cursor.LastFired = since;
        }

        if (_states.TryGetValue(registration.Schedule.Id, out var state))
        {
            if (state.Paused)
            {
                // Paused on some node: the occurrences that pass are not owed, now or after the resume.
                cursor.LastFired = now;
                cursor.CaughtUp = true;
                return null;
            }

            if (state.ChangedAt is { } resumedAt && resumedAt > after && resumedAt <= now)
            {
                // Resumed since: the occurrences of the pause are not misfires. The resume is stamped by the store's
                // clock; one ahead of this node's cannot be placed on it, and then the occurrences since this node's
                // last pass (which saw the pause) are owed rather than lost.
                after = resumedAt;
                cursor.LastFired = resumedAt;
            }
        }

        var due = cron.GetOccurrences(after, now);
        if (due.Count == 0)
        {
            cursor.CaughtUp = true;
            return null;
        }

        var planned = MisfirePlanner.Plan(cron, registration.Schedule, due, missedOnly, lastRun: after);
        if (planned.Count != 1 || planned[0].Occurrence != due[^1])
        {
            Log.Misfire(logger, registration.Id, registration.Schedule.MisfirePolicy, planned.Count);
        }

        if (planned.Count == 0)
        {
            cursor.LastFired = due[^1];
            cursor.CaughtUp = true;
            return null;
        }

        return new PassWork(registration, cursor, planned, due[^1], index);
    }

    /// <summary>Creates what a registration owes (or closes a real-time interface's earlier days); records a failure.</summary>
    private async Task DoAsync(PassWork work, CancellationToken cancellationToken)
    {
        var registration = work.Registration;
        try
        {
            if (registration.Cron is null)
            {
                await daily.CloseEarlierDaysAsync(registration.Id, cancellationToken).ConfigureAwait(false);
                work.Cursor.NextMidnight = LocalDay.Of(work.LastDue, registration.TimeZone).End;
                return;
            }

            // A store failure throws before the occurrences are marked fired: the next attempt owes them again, and the
            // store's unique key makes the ones already created count once.
            await runs.StartAsync(registration, work.Runs, cancellationToken).ConfigureAwait(false);
            work.Cursor.LastFired = work.LastDue;
            work.Cursor.CaughtUp = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(work.Index, registration.Id, e);
        }
    }

    private async Task<DateTimeOffset?> LastOccurrenceAsync(InterfaceRegistration registration, CancellationToken cancellationToken)
    {
        var query = new ExecutionQuery { ScheduleId = registration.Schedule.Id, Kind = ExecutionKind.Scheduled, Limit = 100 };
        await foreach (var page in store.QueryPagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // The newest page holding a scheduled run decides: the latest window on it.
            DateTimeOffset? latest = page.Where(e => e.Trigger == ExecutionTrigger.Schedule).Select(e => (DateTimeOffset?)e.Window.To).Max();
            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }
}
