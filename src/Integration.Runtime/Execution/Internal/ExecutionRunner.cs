using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Creates an execution under its unique identity, runs its connector in its own DI scope with a duration
/// guard, turns what it logs and throws into classified lines, and records how it ended.
/// </summary>
internal sealed class ExecutionRunner(
    ExecutionLifecycle lifecycle,
    RunningExecutions running,
    IServiceScopeFactory scopes,
    ExecutionLeases leases,
    ExecutionAudit audit,
    ExternalFailureRetries retries,
    IOptions<ExecutionsOptions> options,
    ILogger<ExecutionRunner> logger)
{
    private readonly string _nodeId = options.Value.NodeId;
    private readonly IExecutionStore store = lifecycle.Store;
    private readonly TimeProvider time = lifecycle.Time;

    public async ValueTask<ExecutionRun> StartAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var schedule = request.Registration.Schedule;
        var claimed = false;
        if (schedule.OverlapPolicy == OverlapPolicy.Skip)
        {
            if (!running.TryClaim(schedule.Id, out var holder))
            {
                return await RecordSkippedAsync(request, holder, cancellationToken).ConfigureAwait(false);
            }

            claimed = true;
        }

        try
        {
            var creation = await store.CreateAsync(NewExecution(request), cancellationToken).ConfigureAwait(false);
            if (!creation.Created)
            {
                Release(schedule, claimed);
                return new ExecutionRun(creation.Execution, started: false, Task.FromResult(creation.Execution));
            }

            var execution = creation.Execution;
            if (claimed)
            {
                running.SetClaimHolder(schedule.Id, execution.Id);
            }

            var log = lifecycle.OpenLog(request.Registration.Definition, execution);
            if (request.Action is { } action)
            {
                await audit.RecordAsync(execution.Id, action).ConfigureAwait(false);
            }

            if (request.Action?.Line is { } line)
            {
                log.Info(line);
            }

            if (request.RetryAttempt is { } attempt)
            {
                log.Info(ExternalFailureRetries.OpeningLine(request, attempt));
            }

            var handle = new RunningExecution(execution, log);
            running.Add(handle);
            if (running.IsStopping)
            {
                handle.Cancel(ExecutionReason.Cancelled, "the host is stopping");
            }

            lifecycle.Started(execution);
            handle.Completion = Task.Run(() => RunAsync(request, handle, claimed), CancellationToken.None);
            return new ExecutionRun(execution, started: true, handle.Completion);
        }
        catch
        {
            Release(schedule, claimed);
            throw;
        }
    }

    private Execution NewExecution(ExecutionRequest request)
    {
        var now = time.GetUtcNow();
        return new Execution
        {
            Id = ExecutionId.New(now),
            InterfaceId = request.Registration.Id,
            ScheduleId = request.Registration.Schedule.Id,
            Kind = ExecutionKind.Scheduled,
            Trigger = request.Trigger,
            Window = request.Window,
            RerunOf = request.RerunOf,
            UniqueKey = request.UniqueKey,
            StartedAt = now,
            NodeId = _nodeId,
            HeartbeatAt = now,
        };
    }

    private async Task<Execution> RunAsync(ExecutionRequest request, RunningExecution handle, bool claimed)
    {
        var registration = request.Registration;
        var execution = handle.Execution;
        var log = handle.Log;
        using var activity = IntegrationTelemetry.ActivitySource.StartActivity("integration.execution");
        activity?.SetTag("integration.interface", execution.InterfaceId);
        activity?.SetTag("integration.execution.id", execution.Id.ToString());
        activity?.SetTag("integration.trigger", execution.Trigger.ToString());
        try
        {
            Exception? failure = null;
            bool timedOut;
            await using var heartbeat = leases.Hold(handle);
            await using (var guard = new DurationGuard(handle, registration.Schedule, store, lifecycle.Telemetry, time, logger))
            {
                try
                {
                    await RunConnectorAsync(registration, handle).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (handle.Token.IsCancellationRequested)
                {
                    // Cancelled by us: the reason is on the handle.
                }
                catch (Exception e)
                {
                    failure = e;
                }

                timedOut = handle.CancelReason == ExecutionReason.Timeout;
            }

            if (failure is not null)
            {
                await WriteFailureAsync(log, failure, $"The connector failed: {failure.Message}").ConfigureAwait(false);
            }
            else if (timedOut)
            {
                var max = registration.Schedule.MaxDuration;
                await WriteFailureAsync(log, new TimeoutException($"The execution ran past its maximum duration of {max}."), $"The duration guard cancelled the execution after {max}.").ConfigureAwait(false);
            }
            else if (handle.CancelReason == ExecutionReason.Cancelled)
            {
                log.Warning($"Cancelled: {handle.CancelMessage}.");
            }

            // Stored before the KO is: a restart between the two still re-runs it (an abandoned execution's retry runs).
            // Decided before the log is settled, so the line it writes is settled with the rest.
            await retries.ScheduleAsync(request, execution, handle.CancelReason, log).ConfigureAwait(false);
            await lifecycle.SettleAsync(log).ConfigureAwait(false);
            var errors = log.Errors;
            var firstError = log.FirstErrorCategory;
            var (status, reason) = ExecutionLifecycle.Outcome(errors, handle.CancelReason);
            var ended = await CompleteAsync(execution, status, reason, errors, guardFired: handle.DurationExceeded, firstError).ConfigureAwait(false);
            activity?.SetTag("integration.status", ended.Status.ToString());
            if (ended.Status == ExecutionStatus.KO)
            {
                activity?.SetTag(IntegrationTelemetry.ErrorTypeTag, IntegrationTelemetry.ErrorType(firstError));
                activity?.SetStatus(ActivityStatusCode.Error, firstError is { } category ? $"{category}: {category.Action()}" : ended.Reason.ToString());
            }

            return ended;
        }
        finally
        {
            running.Remove(execution.Id);
            Release(registration.Schedule, claimed);
            handle.Dispose();
        }
    }

    private async Task RunConnectorAsync(InterfaceRegistration registration, RunningExecution handle)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var connector = (IExternalInterface)scope.ServiceProvider.GetRequiredService(registration.Definition.ConnectorType!);
            var context = new RunContext(handle.Execution, registration.Definition, handle.Log, scope.ServiceProvider, handle.Token);
            var previous = ExecutionContextAccessor.Enter(context);
            try
            {
                await connector.RunAsync(context, handle.Token).ConfigureAwait(false);
            }
            finally
            {
                ExecutionContextAccessor.Enter(previous);
            }
        }
    }

    private Task WriteFailureAsync(ExecutionLog log, Exception failure, string message)
        => lifecycle.WriteFailureAsync(log, log, failure, new LogEntry { Message = message });

    private async Task<Execution> CompleteAsync(Execution execution, ExecutionStatus status, ExecutionReason reason, ErrorCounts errors, bool guardFired, ErrorCategory? firstError)
    {
        if (await lifecycle.CompleteAsync(execution, status, reason, errors, guardFired, firstError).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        // Ended elsewhere meanwhile (abandoned by a sweep, or by another node): the store's record stands.
        Log.CompletionLost(logger, execution.Id, status);
        return await store.GetAsync(execution.Id).ConfigureAwait(false) ?? throw new ExecutionNotFoundException(execution.Id);
    }

    private async ValueTask<ExecutionRun> RecordSkippedAsync(ExecutionRequest request, ExecutionId? holder, CancellationToken cancellationToken)
    {
        var creation = await store.CreateAsync(NewExecution(request), cancellationToken).ConfigureAwait(false);
        if (!creation.Created)
        {
            return new ExecutionRun(creation.Execution, started: false, Task.FromResult(creation.Execution));
        }

        var scheduleId = request.Registration.Schedule.Id;
        var runningText = holder is { } id ? $"execution {id}" : "another execution";
        await store.AppendAsync(creation.Execution.Id, new LogEntry
        {
            Time = time.GetUtcNow(),
            Level = ExecutionLogLevel.Warning,
            Message = $"Skipped: {runningText} of schedule '{scheduleId}' was still running (overlap policy Skip).",
        }, cancellationToken).ConfigureAwait(false);
        lifecycle.Telemetry.Started(creation.Execution);
        Log.OverlapSkipped(logger, scheduleId, holder ?? default);
        var ended = await CompleteAsync(creation.Execution, ExecutionStatus.Cancelled, ExecutionReason.Skipped, default, guardFired: false, firstError: null).ConfigureAwait(false);
        return new ExecutionRun(ended, started: false, Task.FromResult(ended));
    }

    private void Release(ScheduleDefinition schedule, bool claimed)
    {
        if (claimed)
        {
            running.Release(schedule.Id);
        }
    }
}
