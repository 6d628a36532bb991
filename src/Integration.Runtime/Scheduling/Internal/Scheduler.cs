using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Integration;

/// <summary>
/// Fires each enabled schedule at its occurrences, in its time zone. One timer, on the host's
/// <see cref="TimeProvider"/>, wakes it for the earliest due occurrence (or local midnight of a real-time
/// interface, to close yesterday's daily execution); nothing runs in between. Each occurrence is handed to the
/// runner under the store's unique key (schedule, occurrence), so it runs once however many nodes fire it.
/// </summary>
/// <remarks>
/// While the store fails, a pass (start-up reads included) is retried with <see cref="SchedulerBackoff"/>: the
/// scheduler keeps running, logs once per failed attempt, and when the store answers again the occurrences that passed
/// meanwhile are due together, so the schedule's misfire policy decides what runs.
/// <para>
/// Each pass reads the persisted schedule states (<see cref="IExecutionStore.GetScheduleStatesAsync"/>, one read for
/// all schedules) before it fires anything, so a schedule paused on any node is fired by none from their next pass on,
/// with no polling in between: a pass is what fires. A paused schedule keeps its timer, and at each occurrence the
/// scheduler reads the states again and skips it; after a resume, only occurrences after the resume's stored time are
/// owed (the paused ones are not misfires).
/// </para>
/// <para>
/// A pass first decides, for every registration in turn, what it owes (pauses, resumes, misfires), then creates the
/// occurrences of different registrations concurrently, at most <see cref="CreatesInFlight"/> at once, in an order
/// of this node's own (<see cref="PassOrder"/>): several nodes sharing a store each try every due
/// occurrence, so none is lost when one stops, but seldom the same one at the same moment. A registration's own
/// occurrences stay in order.
/// </para>
/// </remarks>
internal sealed class Scheduler(
    InterfaceCatalog catalog,
    OccurrenceRuns runs,
    DailyExecutions daily,
    IExecutionStore store,
    SchedulerBackoff backoff,
    TimeProvider time,
    IOptions<ExecutionsOptions> options,
    ILogger<Scheduler> logger) : BackgroundService
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
    private readonly SchedulerWaits _waits = new();
    private IReadOnlyDictionary<string, ScheduleState> _states = new Dictionary<string, ScheduleState>(StringComparer.Ordinal);
    private CancellationTokenSource _wake = new();
    private int _failedAttempts;

    /// <summary>Gets when the scheduler will wake next, while it waits (for tests and diagnostics).</summary>
    internal DateTimeOffset? NextWake => _waits.NextWake;

    /// <summary>Gets how many times the scheduler has done its due work and gone back to wait (or to back off).</summary>
    internal int Generation => _waits.Generation;

    /// <summary>Completes once the scheduler has gone back to wait more than <paramref name="generation"/> times.</summary>
    internal Task WaitIdleAsync(int generation) => _waits.WaitIdleAsync(generation);

    /// <summary>Completes when no schedule is catching up missed occurrences.</summary>
    internal Task WhenCaughtUpAsync() => runs.WhenCaughtUpAsync();

    /// <summary>Wakes the scheduler so that it reads the schedules again (one was enabled or disabled).</summary>
    internal void Wake() => Volatile.Read(ref _wake).Cancel();

    /// <summary>
    /// Starts the scheduler and returns once it is armed: its first timer registered, or, when the store fails at
    /// start, its back-off. A fake clock moved from then on reaches it; a store that is down never holds up host start.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ExecuteTask is { IsCompleted: false })
        {
            // Started already: one loop only; do the due work now rather than start a second one.
            Wake();
            return;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
        if (ExecuteTask is { } execute)
        {
            await Task.WhenAny(_waits.FirstArmed, execute).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops firing, then waits for the catch-ups, which end at once: what they had not created is owed at the next start.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await runs.WhenCaughtUpAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout: like the loop itself, a catch-up is not waited for past it.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EnableScheduler || options.Value.OperateOnly)
        {
            return;
        }

        var startedAt = time.GetUtcNow();
        var pipeline = backoff.Create(new ArmedTimeProvider(time, delay => _waits.Armed(time.GetUtcNow() + delay)), OnRetryAsync);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await pipeline.ExecuteAsync(static (state, ct) => state.Self.PassAsync(state.StartedAt, ct), (Self: this, StartedAt: startedAt), stoppingToken).ConfigureAwait(false);
                await WaitAsync(NextDue(), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

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

    private ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        _failedAttempts = args.AttemptNumber + 1;
        var ids = string.Join("', '", _failures.Select(f => f.InterfaceId));
        SchedulerLog.BackingOff(logger, args.Outcome.Exception!, ids, _failedAttempts, args.RetryDelay);
        return ValueTask.CompletedTask;
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

    private DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var registration in catalog.Registrations)
        {
            var cursor = _cursors.GetValueOrDefault(registration.Id);
            var candidate = registration.Cron is { } cron
                ? registration.Enabled && cursor?.LastFired is { } last ? cron.GetNextOccurrence(last) : null
                : cursor?.NextMidnight;
            if (candidate is { } c && (next is null || c < next))
            {
                next = c;
            }
        }

        return next;
    }

    private async Task WaitAsync(DateTimeOffset? until, CancellationToken stoppingToken)
    {
        var wake = Volatile.Read(ref _wake);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, wake.Token);
        var delay = until is { } u ? u - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        try
        {
            var waiting = delay == Timeout.InfiniteTimeSpan || delay > TimeSpan.Zero
                ? Task.Delay(delay, time, linked.Token)
                : Task.CompletedTask;
            if (until is { } due && !waiting.IsCompleted && time.GetUtcNow() >= due)
            {
                // The clock moved past the due time between reading it and setting the timer (a test's fake clock can
                // jump): that timer was set too late, so do not wait for it.
                await linked.CancelAsync().ConfigureAwait(false);
                waiting = Task.CompletedTask;
            }

            _waits.Armed(until);
            await waiting.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (wake.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            Volatile.Write(ref _wake, new CancellationTokenSource());
            wake.Dispose();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            _waits.Woken();
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
