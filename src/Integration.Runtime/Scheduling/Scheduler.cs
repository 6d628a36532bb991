using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Fires each enabled schedule at its occurrences, in its time zone. One timer, on the host's
/// <see cref="TimeProvider"/>, wakes it for the earliest due occurrence (or local midnight of a real-time
/// interface, to close yesterday's daily execution); nothing runs in between. Each occurrence is handed to the
/// runner under the store's unique key (schedule, occurrence), so it runs once however many nodes fire it.
/// </summary>
internal sealed class Scheduler(
    InterfaceCatalog catalog,
    ExecutionRunner runner,
    DailyExecutions daily,
    IExecutionStore store,
    TimeProvider time,
    IOptions<ExecutionsOptions> options,
    ILogger<Scheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> _lastFired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextMidnight = new(StringComparer.Ordinal);
    private CancellationTokenSource _wake = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _generation;

    /// <summary>Gets when the scheduler will wake next, while it waits (for tests and diagnostics).</summary>
    internal DateTimeOffset? NextWake { get; private set; }

    /// <summary>Gets how many times the scheduler has done its due work and gone back to wait.</summary>
    internal int Generation => Volatile.Read(ref _generation);

    /// <summary>Completes once the scheduler has gone back to wait more than <paramref name="generation"/> times.</summary>
    internal async Task WaitIdleAsync(int generation)
    {
        while (Generation <= generation)
        {
            var idle = Volatile.Read(ref _idle);
            if (idle.Task.IsCompleted)
            {
                // Woken, but not yet past its first statement: let it run.
                await Task.Yield();
                continue;
            }

            await idle.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the scheduler so that it reads the schedules again (one was enabled or disabled).</summary>
    internal void Wake() => Volatile.Read(ref _wake).Cancel();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EnableScheduler)
        {
            return;
        }

        await StartAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            foreach (var registration in catalog.Registrations)
            {
                await TickAsync(registration, now, missedOnly: false, stoppingToken).ConfigureAwait(false);
            }

            await WaitAsync(NextDue(), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var registration in catalog.Registrations)
        {
            if (registration.Cron is not null)
            {
                // What ran last is in the store: occurrences after it were missed while this host was down.
                _lastFired[registration.Id] = await LastOccurrenceAsync(registration, cancellationToken).ConfigureAwait(false) ?? now;
            }

            await TickAsync(registration, now, missedOnly: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TickAsync(InterfaceRegistration registration, DateTimeOffset now, bool missedOnly, CancellationToken cancellationToken)
    {
        try
        {
            if (registration.Cron is { } cron)
            {
                await FireDueAsync(registration, cron, now, missedOnly, cancellationToken).ConfigureAwait(false);
            }
            else if (!_nextMidnight.TryGetValue(registration.Id, out var midnight) || midnight <= now)
            {
                await daily.CloseEarlierDaysAsync(registration.Id, cancellationToken).ConfigureAwait(false);
                _nextMidnight[registration.Id] = LocalDay.Of(now, registration.TimeZone).End;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SchedulerTickFailed(logger, e, registration.Id);
        }
    }

    private async Task FireDueAsync(InterfaceRegistration registration, CronSchedule cron, DateTimeOffset now, bool missedOnly, CancellationToken cancellationToken)
    {
        var after = _lastFired[registration.Id];
        if (!registration.Enabled)
        {
            _lastFired[registration.Id] = now;
            return;
        }

        if (registration.EnabledSince is { } since && since > after)
        {
            // Occurrences that passed while the schedule was disabled are not owed.
            after = since;
            _lastFired[registration.Id] = since;
        }

        var due = cron.GetOccurrences(after, now).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var runs = MisfirePlanner.Plan(cron, registration.Schedule, due, missedOnly);
        if (runs.Count != 1 || runs[0].Occurrence != due[^1])
        {
            Log.Misfire(logger, registration.Id, registration.Schedule.MisfirePolicy, runs.Count);
        }

        foreach (var run in runs)
        {
            var key = UniqueKeys.Occurrence(registration.Schedule.Id, run.Occurrence);
            await runner.StartAsync(new ExecutionRequest(registration, ExecutionTrigger.Schedule, run.Window, key, RerunOf: null), cancellationToken).ConfigureAwait(false);
        }

        _lastFired[registration.Id] = due[^1];
    }

    private DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = null;
        foreach (var registration in catalog.Registrations)
        {
            var candidate = registration.Cron is { } cron
                ? registration.Enabled ? cron.GetNextOccurrence(_lastFired[registration.Id]) : null
                : _nextMidnight.GetValueOrDefault(registration.Id);
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
        NextWake = until;
        var delay = until is { } u ? u - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
        var idle = Volatile.Read(ref _idle);
        try
        {
            var waiting = delay == Timeout.InfiniteTimeSpan || delay > TimeSpan.Zero
                ? Task.Delay(delay, time, linked.Token)
                : Task.CompletedTask;
            Interlocked.Increment(ref _generation);
            idle.TrySetResult();
            await waiting.ConfigureAwait(false);
            Volatile.Write(ref _idle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        catch (OperationCanceledException) when (wake.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            Volatile.Write(ref _idle, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Volatile.Write(ref _wake, new CancellationTokenSource());
            wake.Dispose();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            NextWake = null;
        }
    }

    private async Task<DateTimeOffset?> LastOccurrenceAsync(InterfaceRegistration registration, CancellationToken cancellationToken)
    {
        var query = new ExecutionQuery { ScheduleId = registration.Schedule.Id, Kind = ExecutionKind.Scheduled, Limit = 100 };
        for (ExecutionPage page; ; query = query with { Before = page.Next })
        {
            page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            DateTimeOffset? latest = page.Items.Where(e => e.Trigger == ExecutionTrigger.Schedule).Select(e => (DateTimeOffset?)e.Window.To).Max();
            if (latest is not null || page.Next is null)
            {
                return latest;
            }
        }
    }
}
