using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Ends the host's running executions when it stops: waits up to <see cref="ExecutionsOptions.ShutdownGracePeriod"/>
/// for them to end by themselves, then cancels them and waits for each to record its end
/// (<see cref="ExecutionStatus.Cancelled"/>) before the host goes on to dispose the store.
/// </summary>
/// <remarks>
/// The host's stop token (fired after <c>HostOptions.ShutdownTimeout</c>) ends the grace period early: a grace period
/// as long as the host's whole shutdown budget would otherwise leave no time to cancel, and the store would be disposed
/// under executions that then end Abandoned. Recording the ends is bounded by <see cref="EndRecordingTimeout"/>, also
/// past the stop token: a few seconds over the host's budget are worth an honest Cancelled instead of Abandoned.
/// </remarks>
internal sealed class ExecutionsHostedService(RunningExecutions running, TimeProvider time, IOptions<ExecutionsOptions> options, ILogger<ExecutionsHostedService> logger)
    : IHostedService
{
    /// <summary>How long cancelled executions get to record their end (write their last lines, complete in the store).</summary>
    internal static readonly TimeSpan EndRecordingTimeout = TimeSpan.FromSeconds(10);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        running.StopAccepting();
        var snapshot = running.Snapshot();
        if (snapshot.Count == 0 || await EndedWithinGraceAsync(snapshot, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var still = running.Snapshot();
        Log.CancellingOnShutdown(logger, still.Count);
        foreach (var execution in still)
        {
            execution.Cancel(ExecutionReason.Cancelled, "the host is stopping");
        }

        // Not bounded by the stop token, which may have fired already: returning now would dispose the store under them.
        var ends = Task.WhenAll(CompletionsOf(still));
        try
        {
            await ends.WaitAsync(EndRecordingTimeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            SchedulerLog.ShutdownEndsNotRecorded(logger, still.Count(r => !(r.Completion?.IsCompleted ?? false)), EndRecordingTimeout);
        }
        catch (Exception) when (ends.IsCompleted)
        {
            // Each execution's failure is already recorded in its own log and in the host's.
        }
    }

    /// <summary>Waits the grace period; true when every execution ended by itself within it.</summary>
    private async Task<bool> EndedWithinGraceAsync(IReadOnlyCollection<RunningExecution> snapshot, CancellationToken stopToken)
    {
        var grace = options.Value.ShutdownGracePeriod;
        if (grace <= TimeSpan.Zero)
        {
            return false;
        }

        var all = Task.WhenAll(CompletionsOf(snapshot));
        try
        {
            await all.WaitAsync(grace, time, stopToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested && !all.IsCompleted)
        {
            // The host's shutdown timeout came first: the grace period is over, cancel now while the store is still there.
            SchedulerLog.ShutdownGraceCutShort(logger, grace);
            return false;
        }
        catch (Exception) when (all.IsCompleted)
        {
            return true;
        }
    }

    // An execution is listed just before the runner sets its completion: skip it rather than wait on nothing.
    private static IEnumerable<Task<Execution>> CompletionsOf(IEnumerable<RunningExecution> executions)
        => executions.Select(r => r.Completion).Where(c => c is not null);
}
