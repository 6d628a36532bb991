using Microsoft.Extensions.Logging;
using Polly;

namespace Integration;

/// <summary>
/// Starts the runs the scheduler owes a schedule. One run is started at once, as an ordinary firing. Several (a misfire
/// under <see cref="MisfirePolicy.RunAll"/>) are a <em>catch-up</em>: a task of the schedule's own runs them one after
/// another, each started when the previous one has ended, so under any overlap policy each gets its own real status
/// (none is recorded Skipped against its siblings) and the scheduler goes on firing the other schedules meanwhile.
/// Occurrences that fall due while a schedule catches up join the end of its queue: they run in occurrence order, and
/// the queue keeps the latest <see cref="ScheduleDefinition.MaxMisfireRuns"/> of them.
/// </summary>
/// <remarks>
/// A host stopping mid catch-up leaves the occurrences not yet created owed: they come after every occurrence created
/// so far (the queue is in occurrence order), so the next start finds them after the latest one in the store.
/// </remarks>
internal sealed class OccurrenceRuns(ExecutionRunner runner, RunningExecutions running, SchedulerBackoff backoff, TimeProvider time, ILogger<Scheduler> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CatchUp> _catchUps = new(StringComparer.Ordinal);

    /// <summary>Starts the runs, or hands them to the schedule's catch-up.</summary>
    /// <param name="registration">The scheduled interface.</param>
    /// <param name="runs">The runs the misfire planner gave, oldest first.</param>
    /// <param name="stoppingToken">The scheduler's stop: it ends the catch-up.</param>
    /// <exception cref="Exception">The store failed to create the ordinary firing's execution.</exception>
    public async ValueTask StartAsync(InterfaceRegistration registration, IReadOnlyList<ScheduledRun> runs, CancellationToken stoppingToken)
    {
        if (runs.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_catchUps.TryGetValue(registration.Id, out var catchUp))
            {
                foreach (var run in runs)
                {
                    catchUp.Queue.Enqueue(run);
                }

                // A schedule behind (its catch-up held up by a slow run or a store outage) owes at most its misfire cap,
                // the latest occurrences, as the planner does: the oldest queued ones are given up.
                while (catchUp.Queue.Count > registration.Schedule.MaxMisfireRuns)
                {
                    SchedulerLog.CatchUpCapped(logger, registration.Id, catchUp.Queue.Dequeue().Occurrence, registration.Schedule.MaxMisfireRuns);
                }

                return;
            }

            if (runs.Count > 1)
            {
                catchUp = new CatchUp(new Queue<ScheduledRun>(runs));
                _catchUps[registration.Id] = catchUp;
                catchUp.Task = Task.Run(() => CatchUpAsync(registration, catchUp, stoppingToken), CancellationToken.None);
                return;
            }
        }

        await runner.StartAsync(Request(registration, runs[0]), stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Completes when no schedule is catching up (the catch-ups running now have ended).</summary>
    public Task WhenCaughtUpAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_catchUps.Values.Select(c => c.Task).ToArray());
        }
    }

    private static ExecutionRequest Request(InterfaceRegistration registration, ScheduledRun run)
        => new(registration, ExecutionTrigger.Schedule, run.Window, UniqueKeys.Occurrence(registration.Schedule.Id, run.Occurrence), RerunOf: null);

    private async Task CatchUpAsync(InterfaceRegistration registration, CatchUp catchUp, CancellationToken stoppingToken)
    {
        // Its own pipeline: a catch-up backs off on its own, without moving the scheduler's wake.
        var retry = backoff.Create(time, args =>
        {
            SchedulerLog.BackingOff(logger, args.Outcome.Exception!, registration.Id, args.AttemptNumber + 1, args.RetryDelay);
            return ValueTask.CompletedTask;
        });
        try
        {
            while (Next(registration.Id, catchUp) is { } run)
            {
                await ScheduleIdleAsync(registration.Schedule.Id, stoppingToken).ConfigureAwait(false);
                var request = Request(registration, run);
                var started = await retry.ExecuteAsync(
                    static (state, ct) => state.runner.StartAsync(state.request, ct),
                    (runner, request),
                    stoppingToken).ConfigureAwait(false);
                await EndedAsync(started.Completion, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: what was not created yet is owed at the next start.
        }
        catch (Exception e)
        {
            SchedulerLog.CatchUpFailed(logger, e, registration.Id);
        }
        finally
        {
            End(registration.Id, catchUp);
        }
    }

    /// <summary>Takes the next run; when none is left, ends the catch-up in the same lock, so no run is queued to a finished one.</summary>
    private ScheduledRun? Next(string interfaceId, CatchUp catchUp)
    {
        lock (_lock)
        {
            if (catchUp.Queue.TryDequeue(out var run))
            {
                return run;
            }

            End(interfaceId, catchUp);
            return null;
        }
    }

    private void End(string interfaceId, CatchUp catchUp)
    {
        lock (_lock)
        {
            // A later catch-up of the same schedule may hold the slot by now: leave it.
            if (_catchUps.TryGetValue(interfaceId, out var current) && current == catchUp)
            {
                _catchUps.Remove(interfaceId);
            }
        }
    }

    /// <summary>Waits for this node's running executions of the schedule (a run now, the firing before the misfire) to end.</summary>
    private async Task ScheduleIdleAsync(string scheduleId, CancellationToken stoppingToken)
    {
        foreach (var execution in running.Snapshot())
        {
            if (execution.Execution.ScheduleId == scheduleId && execution.Completion is { } completion)
            {
                await EndedAsync(completion, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task EndedAsync(Task<Execution> completion, CancellationToken stoppingToken)
    {
        try
        {
            await completion.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception) when (completion.IsCompleted)
        {
            // Its failure is recorded in its own log; the next occurrence runs all the same.
        }
    }

    /// <summary>A schedule's catch-up: the runs it still owes, in order, and the task that runs them.</summary>
    private sealed class CatchUp(Queue<ScheduledRun> queue)
    {
        public Queue<ScheduledRun> Queue { get; } = queue;

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
