using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>
/// One timer per running execution, on the host's <see cref="TimeProvider"/> (a monotonic clock). At the maximum
/// duration it fires once: it flags the execution, writes a warning line, reports it, and under
/// <see cref="DurationPolicy.Cancel"/> cancels the connector.
/// </summary>
internal sealed class DurationGuard : IAsyncDisposable
{
    private readonly RunningExecution _running;
    private readonly IExecutionStore _store;
    private readonly IntegrationTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly ScheduleDefinition _schedule;
    private readonly ITimer _timer;
    private Task _flagging = Task.CompletedTask;
    private int _fired;

    public DurationGuard(RunningExecution running, ScheduleDefinition schedule, IExecutionStore store, IntegrationTelemetry telemetry, TimeProvider time, ILogger logger)
    {
        _running = running;
        _schedule = schedule;
        _store = store;
        _telemetry = telemetry;
        _logger = logger;
        _timer = time.CreateTimer(static state => ((DurationGuard)state!).Fire(), this, schedule.MaxDuration, Timeout.InfiniteTimeSpan);
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _flagging.ConfigureAwait(false);
    }

    private void Fire()
    {
        if (Interlocked.Exchange(ref _fired, 1) == 1)
        {
            return;
        }

        var execution = _running.Execution;
        _running.MarkDurationExceeded();
        var cancel = _schedule.DurationPolicy == DurationPolicy.Cancel;
        _running.Log.Warning(cancel
            ? $"Duration guard: the execution ran past its maximum duration of {_schedule.MaxDuration}; it is being cancelled."
            : $"Duration guard: the execution runs past its maximum duration of {_schedule.MaxDuration}.");
        _telemetry.DurationExceeded(execution.InterfaceId);
        Log.DurationExceeded(_logger, execution.Id, execution.InterfaceId, _schedule.MaxDuration, _schedule.DurationPolicy);
        _flagging = FlagAsync(execution.Id);
        if (cancel)
        {
            _running.Cancel(ExecutionReason.Timeout, "the duration guard");
        }
    }

    private async Task FlagAsync(ExecutionId executionId)
    {
        try
        {
            await _store.MarkDurationExceededAsync(executionId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.StoreFailed(_logger, e, executionId);
        }
    }
}
