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
internal sealed partial class Scheduler(
    InterfaceCatalog catalog,
    OccurrenceRuns runs,
    DailyExecutions daily,
    IExecutionStore store,
    SchedulerBackoff backoff,
    TimeProvider time,
    IOptions<ExecutionsOptions> options,
    ILogger<Scheduler> logger) : BackgroundService
{
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

    private ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        _failedAttempts = args.AttemptNumber + 1;
        var ids = string.Join("', '", _failures.Select(f => f.InterfaceId));
        SchedulerLog.BackingOff(logger, args.Outcome.Exception!, ids, _failedAttempts, args.RetryDelay);
        return ValueTask.CompletedTask;
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
}
